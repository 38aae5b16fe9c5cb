"""Tests of sentence segmentation (align.text.segment).

Every expected split below is what a linguist expects for the text, written
before looking at what the segmenter produces.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from align.errors import ConfigError
from align.text.segment import (
    format_segments,
    segment_document,
    segments_from_lines,
    split_sentences,
)
from align.types import Document, Paragraph

# (id, text, expected sentences)
ZH_CASES = [
    ("period", "今天下雨了。明天也下雨。", ["今天下雨了。", "明天也下雨。"]),
    ("latin-capital-next", "他走了。X光检查正常。", ["他走了。", "X光检查正常。"]),
    ("exclaim-question", "太好了！你去吗？我去。", ["太好了！", "你去吗？", "我去。"]),
    ("combo-fullwidth", "真的吗？！不可能！！我不信。", ["真的吗？！", "不可能！！", "我不信。"]),
    ("combo-halfwidth-after-cjk", "真的吗?!我不信。", ["真的吗?!", "我不信。"]),
    ("question-halfwidth", "你好吗?我很好。", ["你好吗?", "我很好。"]),
    ("latin-exclaim-in-name", "他在Yahoo!公司工作。后来离职了。",
     ["他在Yahoo!公司工作。", "后来离职了。"]),
    ("ellipsis-double", "故事还没有结束……新的故事开始了。", ["故事还没有结束……", "新的故事开始了。"]),
    ("ellipsis-single", "故事还没有结束…新的故事开始了。", ["故事还没有结束…", "新的故事开始了。"]),
    ("ellipsis-dots", "让我想想......好吧，我同意。", ["让我想想......", "好吧，我同意。"]),
    ("ellipsis-then-deng", "苹果、香蕉……等水果都很便宜。", ["苹果、香蕉……等水果都很便宜。"]),
    ("ellipsis-then-comma", "我们要学习、学习、再学习……，直到成功。",
     ["我们要学习、学习、再学习……，直到成功。"]),
    ("quote-closes-sentence", "他说：“今天下雨了。”然后他走了。",
     ["他说：“今天下雨了。”", "然后他走了。"]),
    ("quote-continues", "他说：“今天下雨了。明天也下。”我点头。",
     ["他说：“今天下雨了。明天也下。”", "我点头。"]),
    ("quote-then-de", "我们不赞成“发展必然带来污染。”的提法。", ["我们不赞成“发展必然带来污染。”的提法。"]),
    ("quote-ellipsis-then-de", "所谓“……”的提法并不准确。我们要纠正。",
     ["所谓“……”的提法并不准确。", "我们要纠正。"]),
    ("quote-then-deng", "现场响起“加油！”等口号。气氛热烈。", ["现场响起“加油！”等口号。", "气氛热烈。"]),
    ("quote-embedded", "听到“出发！”后，大家立刻行动起来。", ["听到“出发！”后，大家立刻行动起来。"]),
    ("quote-attribution", "“今天天气真好！”小王感叹道。我们都同意。",
     ["“今天天气真好！”小王感叹道。", "我们都同意。"]),
    ("quote-after-speech-verb", "他喊道：“冲啊！”大家冲了出去。", ["他喊道：“冲啊！”", "大家冲了出去。"]),
    ("quote-then-quote", "他问：“你去吗？”“我不去。”她回答。", ["他问：“你去吗？”", "“我不去。”她回答。"]),
    ("quote-then-period", "他说：“好！”。我们走了。", ["他说：“好！”。", "我们走了。"]),
    ("quote-then-dash", "“我们必须前进！”——这是他的口号。", ["“我们必须前进！”——这是他的口号。"]),
    ("nested-quotes", "他说：“老师告诉我们‘要好好学习。’我记住了。”大家都笑了。",
     ["他说：“老师告诉我们‘要好好学习。’我记住了。”", "大家都笑了。"]),
    ("corner-quotes", "他說：「今天下雨了。」然後他走了。", ["他說：「今天下雨了。」", "然後他走了。"]),
    ("nested-corner-quotes", "她說：「他問我『你去嗎？』我說不去。」我們都笑了。",
     ["她說：「他問我『你去嗎？』我說不去。」", "我們都笑了。"]),
    ("straight-quotes", '他说:"今天下雨了。"然后他走了。', ['他说:"今天下雨了。"', "然后他走了。"]),
    # a straight quote right after 。 opens the next quotation, it does not close this one
    ("straight-quote-opens-next", '会议结束了。"加油"是大家的口号。',
     ["会议结束了。", '"加油"是大家的口号。']),
    ("straight-quote-opens-next-exclaim", '会议结束了。"加油！"大家喊道。',
     ["会议结束了。", '"加油！"大家喊道。']),
    ("straight-quotes-twice", '他说："今天下雨了。""明天呢？"她问。',
     ['他说："今天下雨了。"', '"明天呢？"她问。']),
    ("curly-quote-opens-next", "会议结束了。“加油”是大家的口号。",
     ["会议结束了。", "“加油”是大家的口号。"]),
    ("unclosed-quote", "“第一句。第二句。", ["“第一句。", "第二句。"]),
    ("paren-inside", "本办法自发布之日起施行（原办法同时废止。下同）。以上为全文。",
     ["本办法自发布之日起施行（原办法同时废止。下同）。", "以上为全文。"]),
    ("paren-exclaim-mid", "他（真的！）来了。我很高兴。", ["他（真的！）来了。", "我很高兴。"]),
    ("paren-question-mid", "该项目（是否可行？）仍在论证。", ["该项目（是否可行？）仍在论证。"]),
    ("paren-whole-sentence", "规定如下。（注：本条适用于全体。）下面是细则。",
     ["规定如下。", "（注：本条适用于全体。）", "下面是细则。"]),
    ("paren-after-period", "会议圆满结束。（完）", ["会议圆满结束。", "（完）"]),
    ("title-marks", "他写了《你好，李焕英！》这部剧本。随后又写了一部。",
     ["他写了《你好，李焕英！》这部剧本。", "随后又写了一部。"]),
    ("title-marks-end", "我最喜欢《论持久战》。你呢？", ["我最喜欢《论持久战》。", "你呢？"]),
    ("semicolon-default", "一是加强领导；二是完善制度；三是强化落实。",
     ["一是加强领导；二是完善制度；三是强化落实。"]),
    ("colon-never", "会议指出：要坚持稳中求进。各区要落实。", ["会议指出：要坚持稳中求进。", "各区要落实。"]),
    ("numbers", "全年增长5.2%，达到3.5万亿元。物价稳定。", ["全年增长5.2%，达到3.5万亿元。", "物价稳定。"]),
    ("list-numbers", "1.坚持创新驱动。2.加强区域协调。", ["1.坚持创新驱动。", "2.加强区域协调。"]),
    ("latin-inside", "他用Python 3.11和Vue.js开发了项目。效果很好。",
     ["他用Python 3.11和Vue.js开发了项目。", "效果很好。"]),
    ("english-quote-inside", "他说了一句“I love you. See you.”然后走了。",
     ["他说了一句“I love you. See you.”然后走了。"]),
    ("latin-abbrev-inside", "这是Mr. Wang的书。我很喜欢。", ["这是Mr. Wang的书。", "我很喜欢。"]),
    ("cjk-ext-b", "𠮷野家的牛丼很好吃。𡈽地很肥沃。", ["𠮷野家的牛丼很好吃。", "𡈽地很肥沃。"]),
    ("crlf", "第一句。第二句。\r\n第二段。", ["第一句。", "第二句。", "第二段。"]),
    ("heading-line", "一、总体要求\n坚持稳中求进。推动高质量发展。",
     ["一、总体要求", "坚持稳中求进。", "推动高质量发展。"]),
    ("fullwidth-spaces", "\u3000\u3000第一句。\u3000第二句。", ["第一句。", "第二句。"]),
    ("brackets-lenticular", "【新华社消息】会议召开。代表出席。", ["【新华社消息】会议召开。", "代表出席。"]),
    ("no-terminator", "全市推动高质量发展大会召开", ["全市推动高质量发展大会召开"]),
    ("blank", " \n\u3000\n", []),
]

# Direct speech ends the sentence when the quotation follows a speech introduction: a
# colon, a comma or a verb of saying (id, text, expected sentences).
ZH_SPEECH_INTRO_CASES = [
    ("colon", "他说：“今天下雨了。”然后他走了。", ["他说：“今天下雨了。”", "然后他走了。"]),
    ("colon-halfwidth", "他说:“今天下雨了。”然后他走了。", ["他说:“今天下雨了。”", "然后他走了。"]),
    ("comma", "他说，“今天下雨了。”然后他走了。", ["他说，“今天下雨了。”", "然后他走了。"]),
    ("comma-halfwidth", "他说,“今天下雨了。”然后他走了。", ["他说,“今天下雨了。”", "然后他走了。"]),
    ("comma-no-verb", "大家齐声，“冲啊！”然后冲了出去。", ["大家齐声，“冲啊！”", "然后冲了出去。"]),
    ("verb-shuo", "他说“今天下雨了。”然后他走了。", ["他说“今天下雨了。”", "然后他走了。"]),
    ("verb-dao", "他笑道“好极了！”大家都笑了。", ["他笑道“好极了！”", "大家都笑了。"]),
    ("verb-wen", "他问“你去吗？”我摇了摇头。", ["他问“你去吗？”", "我摇了摇头。"]),
    ("verb-da", "他答“我不去。”然后走了。", ["他答“我不去。”", "然后走了。"]),
    ("verb-han", "他喊“冲啊！”大家冲了出去。", ["他喊“冲啊！”", "大家冲了出去。"]),
    ("verb-yue", "子曰“学而时习之。”弟子记之。", ["子曰“学而时习之。”", "弟子记之。"]),
    # a ! or ? after a Latin word ends no sentence, but still introduces the quotation
    ("latin-exclaim", "他喊Go!“冲啊！”大家冲了出去。", ["他喊Go!“冲啊！”", "大家冲了出去。"]),
    ("latin-question", "他问OK?“你去吗？”我摇了摇头。", ["他问OK?“你去吗？”", "我摇了摇头。"]),
    ("straight-comma", '他说，"今天下雨了。"然后他走了。', ['他说，"今天下雨了。"', "然后他走了。"]),
    # no introduction: an embedded quotation stays inside its sentence
    ("embedded-after-noun", "听到“出发！”后，大家立刻行动起来。", ["听到“出发！”后，大家立刻行动起来。"]),
    ("embedded-after-verb", "现场响起“加油！”口号声此起彼伏。", ["现场响起“加油！”口号声此起彼伏。"]),
]

ZH_SEMICOLON_CASES = [
    ("enumeration", "一是加强领导；二是完善制度；三是强化落实。",
     ["一是加强领导；", "二是完善制度；", "三是强化落实。"]),
    ("inside-quote", "他说：“一是好；二是快。”我们同意。", ["他说：“一是好；二是快。”", "我们同意。"]),
    ("inside-parens", "包括三项（一是领导；二是制度）。完毕。", ["包括三项（一是领导；二是制度）。", "完毕。"]),
]

EN_CASES = [
    ("period", "It rained. It stopped.", ["It rained.", "It stopped."]),
    ("ambiguous-abbrev-then-the", "He works at Acme Inc. The firm grew.",
     ["He works at Acme Inc.", "The firm grew."]),
    ("ambiguous-abbrev-then-finally", "He joined Acme Inc. Finally it grew.",
     ["He joined Acme Inc.", "Finally it grew."]),
    ("stray-opening-quote-at-end", "He said no. “", ["He said no. “"]),
    ("question-exclaim", "Really? Yes! Good.", ["Really?", "Yes!", "Good."]),
    ("combo", "What?! No way! Really?", ["What?!", "No way!", "Really?"]),
    ("mr-dr", "Mr. Smith met Dr. Lee. They talked.", ["Mr. Smith met Dr. Lee.", "They talked."]),
    ("prof-ms", "Prof. Zhang and Ms. Li arrived. The meeting began.",
     ["Prof. Zhang and Ms. Li arrived.", "The meeting began."]),
    ("mrs", "Mrs. Wang spoke first. Others followed.", ["Mrs. Wang spoke first.", "Others followed."]),
    ("no", "See No. 5 on the list. It is long.", ["See No. 5 on the list.", "It is long."]),
    ("nos", "Items Nos. 3 and 4 were removed. Others stayed.",
     ["Items Nos. 3 and 4 were removed.", "Others stayed."]),
    ("no-as-word", "No. I won't go. Ask him.", ["No.", "I won't go.", "Ask him."]),
    ("vol-roman", "It is in Vol. II of the report. Read it.",
     ["It is in Vol. II of the report.", "Read it."]),
    ("pronoun-i", "He is taller than I. Wang Li is shorter.",
     ["He is taller than I.", "Wang Li is shorter."]),
    ("lowercase-no", "He said no. Then he left.", ["He said no.", "Then he left."]),
    ("eg", "Some cities, e.g. Beijing and Tianjin, grew. Others did not.",
     ["Some cities, e.g. Beijing and Tianjin, grew.", "Others did not."]),
    ("ie", "The capital, i.e. Beijing, leads. Tianjin follows.",
     ["The capital, i.e. Beijing, leads.", "Tianjin follows."]),
    ("am-mid", "The meeting starts at 9 a.m. Beijing time. Be on time.",
     ["The meeting starts at 9 a.m. Beijing time.", "Be on time."]),
    ("pm-end", "It ended at 5 p.m. The guests left.", ["It ended at 5 p.m.", "The guests left."]),
    ("us-mid", "U.S. officials said the talks went well. China agreed.",
     ["U.S. officials said the talks went well.", "China agreed."]),
    ("us-end", "He lives in the U.S. The next day he flew home.",
     ["He lives in the U.S.", "The next day he flew home."]),
    ("us-proper-noun", "The U.S. Congress passed the bill. It takes effect soon.",
     ["The U.S. Congress passed the bill.", "It takes effect soon."]),
    ("un-uk", "The U.N. Security Council met. The U.K. delegate spoke first.",
     ["The U.N. Security Council met.", "The U.K. delegate spoke first."]),
    ("inc-mid", "Apple Inc. reported strong sales. Its shares rose.",
     ["Apple Inc. reported strong sales.", "Its shares rose."]),
    ("inc-end", "He works for Apple Inc. The company is large.",
     ["He works for Apple Inc.", "The company is large."]),
    ("co-ltd", "Tong Ren Tang Co. Ltd. opened a store. It sells medicine.",
     ["Tong Ren Tang Co. Ltd. opened a store.", "It sells medicine."]),
    ("corp", "Sony Corp. and Honda announced a venture. Details were scarce.",
     ["Sony Corp. and Honda announced a venture.", "Details were scarce."]),
    ("month-before-number", "The law took effect on Jan. 1, 2024. It was drafted in Dec. 2023.",
     ["The law took effect on Jan. 1, 2024.", "It was drafted in Dec. 2023."]),
    ("month-at-end", "The report came out in Feb. The next one is due in May.",
     ["The report came out in Feb.", "The next one is due in May."]),
    ("etc-lowercase", "We need apples, pears, etc. and some bread. Then we go.",
     ["We need apples, pears, etc. and some bread.", "Then we go."]),
    ("etc-end", "We bought apples, pears, etc. Then we went home.",
     ["We bought apples, pears, etc.", "Then we went home."]),
    ("initials", "J. K. Rowling wrote the books. They sold well.",
     ["J. K. Rowling wrote the books.", "They sold well."]),
    ("initial-mid-name", "Xi J. Ping is a made-up name. Nobody uses it.",
     ["Xi J. Ping is a made-up name.", "Nobody uses it."]),
    ("single-letter-end", "We will need Plan B. The first plan failed.",
     ["We will need Plan B.", "The first plan failed."]),
    ("phd-mid", "She earned a Ph.D. from Peking University. It took years.",
     ["She earned a Ph.D. from Peking University.", "It took years."]),
    ("phd-end", "She holds a Ph.D. The degree took five years.",
     ["She holds a Ph.D.", "The degree took five years."]),
    ("decimals", "Growth reached 5.2 percent. Prices rose 3.14% in March.",
     ["Growth reached 5.2 percent.", "Prices rose 3.14% in March."]),
    ("version", "Version v2.0.1 fixes the bug. Upgrade now.",
     ["Version v2.0.1 fixes the bug.", "Upgrade now."]),
    ("million", "The city added 1.5 million jobs. Unemployment fell.",
     ["The city added 1.5 million jobs.", "Unemployment fell."]),
    ("number-at-end", "The ratio was 3.5. The target is 4.0.", ["The ratio was 3.5.", "The target is 4.0."]),
    ("digit-start", "It grew in 2023. 2024 was better.", ["It grew in 2023.", "2024 was better."]),
    ("ellipsis-lowercase", "He paused... and then continued. We listened.",
     ["He paused... and then continued.", "We listened."]),
    ("ellipsis-uppercase", "I wonder... Maybe tomorrow.", ["I wonder...", "Maybe tomorrow."]),
    ("ellipsis-unicode", "He hesitated… and left. She stayed.", ["He hesitated… and left.", "She stayed."]),
    ("four-dots", "He stopped.... The end.", ["He stopped....", "The end."]),
    ("quote-after-period", 'He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
    ("curly-quotes", "She asked, “Are you ready?” He nodded.",
     ["She asked, “Are you ready?”", "He nodded."]),
    ("quote-lowercase-after", '"Why?" he asked. Nobody answered.',
     ['"Why?" he asked.', "Nobody answered."]),
    ("quote-then-lowercase", 'He said "go." and left.', ['He said "go." and left.']),
    ("single-quote-closer", "He called it 'the end.' Then he smiled.",
     ["He called it 'the end.'", "Then he smiled."]),
    ("paren-sentence", "(See the annex for details.) The main text follows.",
     ["(See the annex for details.)", "The main text follows."]),
    ("paren-before-period", "Support the Beijing Stock Exchange (BSE). Foster fintech.",
     ["Support the Beijing Stock Exchange (BSE).", "Foster fintech."]),
    ("list-numbers", "1. First item. 2. Second item.", ["1. First item.", "2. Second item."]),
    ("list-parens", "(1) Improve services. (2) Cut costs.", ["(1) Improve services.", "(2) Cut costs."]),
    ("list-roman", "II. Main tasks. We will do more.", ["II. Main tasks.", "We will do more."]),
    ("list-letters", "a. Review the draft. b. Send it back.", ["a. Review the draft.", "b. Send it back."]),
    ("list-after-colon", "Two steps: 1. Mix the flour. 2. Bake it.",
     ["Two steps: 1. Mix the flour.", "2. Bake it."]),
    ("heading", "Main Tasks\nWe will do more. It works.", ["Main Tasks", "We will do more.", "It works."]),
    ("heading-blank-line", "Introduction\n\nThe city grew.", ["Introduction", "The city grew."]),
    ("crlf", "First line.\r\nSecond line.", ["First line.", "Second line."]),
    ("semicolon-default", "Some went home; others stayed.", ["Some went home; others stayed."]),
    ("colon-never", "He said: We go now. They agreed.", ["He said: We go now.", "They agreed."]),
    ("saint-street", "St. Louis is a city. He lives on Main St. The house is old.",
     ["St. Louis is a city.", "He lives on Main St.", "The house is old."]),
    ("jr", "Martin Luther King Jr. spoke. The crowd cheered.",
     ["Martin Luther King Jr. spoke.", "The crowd cheered."]),
    ("vs", "It was China vs. Japan. China won.", ["It was China vs. Japan.", "China won."]),
    ("fig-pp-vol", "See Fig. 3 and pp. 12-15 in Vol. 2. They explain it.",
     ["See Fig. 3 and pp. 12-15 in Vol. 2.", "They explain it."]),
    ("approx", "It costs approx. 5 million yuan. That is a lot.",
     ["It costs approx. 5 million yuan.", "That is a lot."]),
    ("acronym-no-dots", "He joined the CPC. It was 1990.", ["He joined the CPC.", "It was 1990."]),
    ("hyphenated-acronym", "U.S.-China trade grew. Talks continue.",
     ["U.S.-China trade grew.", "Talks continue."]),
    ("cjk-next", "He said hello. 你好。", ["He said hello.", "你好。"]),
    ("currency-next", "Prices fell. $5 buys more now.", ["Prices fell.", "$5 buys more now."]),
    ("nbsp", "It rained.\u00a0It stopped.", ["It rained.", "It stopped."]),
    ("no-terminator", "Beijing High-Quality Development Conference Opens",
     ["Beijing High-Quality Development Conference Opens"]),
    ("blank", "  \n\t\n", []),
]

EN_SEMICOLON_CASES = [
    ("enumeration", "Some went home; others stayed.", ["Some went home;", "others stayed."]),
    ("semicolon-then-capital", "Care for the old; For the young, childcare.",
     ["Care for the old;", "For the young, childcare."]),
]


def _sentences(text: str, lang: str, **kw: bool) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang, **kw)]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ZH_CASES],
                         ids=[c[0] for c in ZH_CASES])
def test_zh(text: str, expected: list[str]) -> None:
    assert _sentences(text, "zh") == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ZH_SPEECH_INTRO_CASES],
                         ids=[c[0] for c in ZH_SPEECH_INTRO_CASES])
def test_zh_speech_introduction(text: str, expected: list[str]) -> None:
    assert _sentences(text, "zh") == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ZH_SEMICOLON_CASES],
                         ids=[c[0] for c in ZH_SEMICOLON_CASES])
def test_zh_semicolon(text: str, expected: list[str]) -> None:
    assert _sentences(text, "zh", semicolon=True) == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EN_CASES],
                         ids=[c[0] for c in EN_CASES])
def test_en(text: str, expected: list[str]) -> None:
    assert _sentences(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in EN_SEMICOLON_CASES],
                         ids=[c[0] for c in EN_SEMICOLON_CASES])
def test_en_semicolon(text: str, expected: list[str]) -> None:
    assert _sentences(text, "en", semicolon=True) == expected


ALL_TEXTS = [("zh", c[1]) for c in ZH_CASES + ZH_SPEECH_INTRO_CASES] + [("en", c[1])
                                                                     for c in EN_CASES]


@pytest.mark.parametrize(("lang", "text"), ALL_TEXTS,
                         ids=[f"zh-{c[0]}" for c in ZH_CASES]
                         + [f"zh-intro-{c[0]}" for c in ZH_SPEECH_INTRO_CASES]
                         + [f"en-{c[0]}" for c in EN_CASES])
@pytest.mark.parametrize("semicolon", [False, True], ids=["plain", "semicolon"])
def test_span_invariants(lang: str, text: str, semicolon: bool) -> None:
    spans = split_sentences(text, lang, semicolon=semicolon)
    prev_end = 0
    for s, e in spans:
        assert prev_end <= s < e <= len(text)
        sentence = text[s:e]
        assert sentence == sentence.strip() and "\n" not in sentence
        prev_end = e
    # nothing but whitespace is left out
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def test_unknown_language() -> None:
    with pytest.raises(ConfigError, match="unknown language 'fr'"):
        split_sentences("Bonjour. Salut.", "fr")


def test_long_text_spans() -> None:
    # many paragraphs in one text: spans stay consistent far from the start
    text = "\n\n".join(["他说：“今天下雨了。”然后他走了。"] * 500)
    spans = split_sentences(text, "zh")
    assert len(spans) == 1000
    assert text[slice(*spans[-1])] == "然后他走了。"


def _doc(paras: list[str], lang: str) -> Document:
    return Document(tuple(Paragraph(t, i) for i, t in enumerate(paras)), lang)  # type: ignore[arg-type]


def test_segment_document_indices_and_spans() -> None:
    doc = _doc(["第一句。第二句！", "第三句？", "第四句；第五句。"], "zh")
    segs = segment_document(doc)
    assert [s.text for s in segs] == ["第一句。", "第二句！", "第三句？", "第四句；第五句。"]
    assert [s.index for s in segs] == [0, 1, 2, 3]
    assert [s.paragraph for s in segs] == [0, 0, 1, 2]
    assert all(doc.text[s.span[0]:s.span[1]] == s.text for s in segs)
    assert all(s.lang == "zh" for s in segs)
    segs = segment_document(doc, semicolon=True)
    assert [s.text for s in segs][-2:] == ["第四句；", "第五句。"]
    assert segs[-1].index == 4 and segs[-1].paragraph == 2


def test_segment_document_english() -> None:
    doc = Document.from_paragraphs(["Mr. Li spoke.  He left.", "", "It ended at 5 p.m. The end."],
                                   "en")
    segs = segment_document(doc)
    assert [(s.index, s.paragraph, s.text) for s in segs] == [
        (0, 0, "Mr. Li spoke."), (1, 0, "He left."), (2, 1, "It ended at 5 p.m."),
        (3, 1, "The end.")]
    assert all(doc.text[s.span[0]:s.span[1]] == s.text for s in segs)


def test_segments_from_lines() -> None:
    lines = ["第一句。", "  第二句。 ", "", "第三句"]
    segs = segments_from_lines(lines, "zh")
    joined = "\n".join(lines)
    assert [s.text for s in segs] == ["第一句。", "第二句。", "第三句"]
    assert [s.index for s in segs] == [0, 1, 2]
    assert {s.paragraph for s in segs} == {0}
    assert all(joined[s.span[0]:s.span[1]] == s.text for s in segs)


def test_segments_from_lines_bad_lang() -> None:
    with pytest.raises(ConfigError, match="unknown language 'de'"):
        segments_from_lines(["Hallo."], "de")


def test_format_lines_and_jsonl() -> None:
    segs = segment_document(_doc(["他说：“好。”我们走。", "完。"], "zh"))
    assert format_segments(segs, "lines") == "他说：“好。”\n我们走。\n完。\n"
    rows = [json.loads(r) for r in format_segments(segs, "jsonl").splitlines()]
    assert rows[1] == {"index": 1, "paragraph": 0, "start": 7, "end": 11, "text": "我们走。"}
    assert rows[2]["paragraph"] == 1 and rows[2]["start"] == 13
    assert "我们走" in format_segments(segs, "jsonl")  # not \\u-escaped
    assert format_segments([], "lines") == ""


def test_format_unknown() -> None:
    with pytest.raises(ConfigError, match="unknown output format 'xml'"):
        format_segments([], "xml")


def test_import_align_does_not_import_jieba() -> None:
    code = ("import sys, align, align.text.segment, align.text.tokenize, align.cli; "
            "print('jieba' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"


# Every pair of marks the Chinese segmenter knows, written out (not taken from the code):
# a quotation keeps its inner sentence ends and closes the sentence after a speech verb;
# a bracket or title mark keeps its inner ! with the sentence around it.
ZH_QUOTE_PAIRS = ["“”", "‘’", "「」", "『』", "﹁﹂", "﹃﹄"]
ZH_BRACKET_PAIRS = ["（）", "()", "【】", "〔〕", "[]", "［］", "〖〗"]
ZH_TITLE_PAIRS = ["《》", "〈〉"]


@pytest.mark.parametrize("pair", ZH_QUOTE_PAIRS)
def test_zh_every_quote_pair(pair: str) -> None:
    o, c = pair
    assert _sentences(f"他说：{o}今天下雨了。明天也下。{c}我点头。", "zh") == [
        f"他说：{o}今天下雨了。明天也下。{c}", "我点头。"]


@pytest.mark.parametrize("pair", ZH_BRACKET_PAIRS + ZH_TITLE_PAIRS)
def test_zh_every_bracket_and_title_pair(pair: str) -> None:
    o, c = pair
    assert _sentences(f"他读了{o}真好！好极了{c}一文。我也读了。", "zh") == [
        f"他读了{o}真好！好极了{c}一文。", "我也读了。"]
