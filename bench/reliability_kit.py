"""The tools of the reliability harness (bench/bench_reliability.py): processes with
timeouts, limits and per-process peak memory, a per-case folder, and builders of the
hostile files (TMX, DOCX, HTML) the cases feed to the CLI."""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
BEIJING = ROOT / "corpora" / "beijing-2024"

ZH = ["我们要加快发展新质生产力。", "今天天气很好。", "北京证券交易所发展壮大。"]
EN = ["We will accelerate the development of new quality productive forces.",
      "The weather is good today.", "The Beijing Stock Exchange will grow."]


@dataclass
class Proc:
    """A finished process: exit code (None: killed by the harness's timeout; negative:
    killed by that signal), stdout bytes, stderr text, wall seconds, peak memory."""

    code: int | None
    out: bytes
    err: str
    secs: float
    peak_mb: float

    @property
    def status(self) -> str:
        """The exit status as shown in the table."""
        if self.code is None:
            return "timeout"
        return f"sig{-self.code}" if self.code < 0 else str(self.code)

    @property
    def text(self) -> str:
        """stdout as text."""
        return self.out.decode("utf-8", "replace")

    def refused(self) -> bool:
        """A clean refusal: exit 1 or 2 with a one-line message."""
        lines = [line for line in self.err.splitlines() if line.strip()]
        return self.code in (1, 2) and len(lines) == 1


@dataclass
class Outcome:
    """What a case saw: its processes, the output's state, whether the tool held
    (None: the fault could not be produced here) and a short note."""

    procs: list[Proc]
    output: str
    held: bool | None
    note: str = ""


@dataclass
class Case:
    """One row of the table: issue item, name, the function and its timeout."""

    item: str
    name: str
    fn: Callable[[Ctx], Outcome]
    timeout: float = 60.0
    slow: bool = False


class Running:
    """A started CLI process; :meth:`finish` waits (with the timeout) and reaps it."""

    def __init__(self, cmd: Sequence[str | bytes], cwd: Path, timeout: float,
                 stdin: bytes | None = None, limits: dict[int, int] | None = None,
                 first_line_only: bool = False) -> None:
        def preexec() -> None:
            for res, value in (limits or {}).items():
                resource.setrlimit(res, (value, value))
            if limits and resource.RLIMIT_FSIZE in limits:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG, not a signal

        self.t0 = time.monotonic()
        self.popen = subprocess.Popen(
            list(cmd), cwd=cwd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            preexec_fn=preexec if limits else None)
        self.pid = self.popen.pid
        self.timeout = timeout
        self.timed_out = False
        self._out: list[bytes] = []
        self._err: list[bytes] = []
        assert self.popen.stdout is not None and self.popen.stderr is not None
        out, err = self.popen.stdout, self.popen.stderr
        if first_line_only:  # a reader that goes away: `align ... | head -1`
            def read_out() -> None:
                self._out.append(out.readline())
                out.close()
        else:
            def read_out() -> None:
                self._out.append(out.read())
        self._threads = [threading.Thread(target=read_out, daemon=True),
                         threading.Thread(target=lambda: self._err.append(err.read()),
                                          daemon=True)]
        if stdin is not None:
            self._threads.append(threading.Thread(target=self._feed, args=(stdin,), daemon=True))
        for t in self._threads:
            t.start()

    def _feed(self, data: bytes) -> None:
        assert self.popen.stdin is not None
        try:
            self.popen.stdin.write(data)
            self.popen.stdin.close()
        except OSError:
            pass

    def signal(self, sig: int) -> None:
        """Send ``sig`` to the process (not its group: as a user's kill would)."""
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def poll(self) -> bool:
        """Whether the process has ended (without reaping it)."""
        try:
            return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
        except ChildProcessError:
            return True

    def finish(self) -> Proc:
        """Wait for the end (killing the process group at the timeout) and reap."""
        def kill() -> None:
            self.timed_out = True
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(max(0.0, self.timeout - (time.monotonic() - self.t0)), kill)
        timer.start()
        try:
            _, status, usage = os.wait4(self.pid, 0)
        finally:
            timer.cancel()
        self.popen.returncode = os.waitstatus_to_exitcode(status)
        for t in self._threads:
            t.join(10)
        code = None if self.timed_out else self.popen.returncode
        return Proc(code, b"".join(self._out), b"".join(self._err).decode("utf-8", "replace"),
                    time.monotonic() - self.t0, usage.ru_maxrss / 1024)


@dataclass
class Ctx:
    """A case's folder, the command under test and the harness options."""

    dir: Path
    align: list[str]
    timeout: float = 60.0
    trials: int = 5
    mem_limit: int = 2048
    mount: bool = True
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def start(self, *args: str | bytes | Path, **kw: object) -> Running:
        """Start ``align ARGS`` in the case's folder."""
        cmd = [*self.align, *(str(a) if isinstance(a, Path) else a for a in args)]
        return Running(cmd, self.dir, self.timeout, **kw)  # type: ignore[arg-type]

    def run(self, *args: str | bytes | Path, **kw: object) -> Proc:
        """Run ``align ARGS`` to its end."""
        return self.start(*args, **kw).finish()

    def write(self, name: str, data: str | bytes) -> Path:
        """A file of the case's folder."""
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        return path

    def files(self, folder: Path | None = None) -> set[str]:
        """Names in the case's folder (or ``folder``), hidden ones included."""
        return set(os.listdir(folder or self.dir))

    def small_pair(self) -> tuple[Path, Path]:
        """z.txt and e.txt: three sentences each, one per line."""
        return (self.write("z.txt", "".join(s + "\n" for s in ZH)),
                self.write("e.txt", "".join(s + "\n" for s in EN)))

    def small_tm(self, name: str = "tm.db") -> Path:
        """A TM of the three sentence pairs (made with ``align tm add``)."""
        tmx = self.write("small.tmx", tmx_doc(list(zip(ZH, EN, strict=True))))
        p = self.run("tm", "add", tmx, "--tm", name)
        if p.code != 0:
            raise RuntimeError(f"could not make a TM: {p.err.strip()}")
        return self.dir / name

    def tm_units(self, db: Path) -> int | None:
        """Units in a TM according to ``align tm stats`` (None: it failed)."""
        if not db.exists():
            return 0
        p = self.run("tm", "stats", "--tm", db)
        m = re.search(r"(\d+) units", p.text)
        return int(m.group(1)) if p.code == 0 and m else None

    def cleanup(self) -> None:
        """Undo what the case set up outside its files (mounts)."""
        for undo in reversed(self.cleanups):
            undo()


def beijing(times_zh: int = 1, times_en: int = 1, sep_zh: str = "\n", sep_en: str = "\n"
            ) -> tuple[str, str] | None:
    """The Beijing report and its translation, repeated, lines joined by the separators
    (None when the corpus is not beside the harness)."""
    try:
        zh = (BEIJING / "zh.txt").read_text("utf-8")
        en = (BEIJING / "en.raw.txt").read_text("utf-8")
    except OSError:
        return None
    return ((zh * times_zh).replace("\n", sep_zh), (en * times_en).replace("\n", sep_en))


def units(n: int, tag: str) -> list[tuple[str, str]]:
    """n distinct Chinese-English sentence pairs."""
    return [(f"第{tag}批第{i}条：我们要加快发展新质生产力，推动高质量发展。",
             f"Batch {tag}, item {i}: we will accelerate new quality productive forces.")
            for i in range(n)]


def tmx_doc(pairs: Iterable[tuple[str, str]], version: str = "1.4", doctype: str = "",
            raw: bool = False, extra_tuv: str = "") -> str:
    """A TMX document of zh-CN -> en-US units (``raw``: segments are not escaped)."""
    esc: Callable[[str], str] = (lambda s: s) if raw else escape
    tus = "".join(f'<tu><tuv xml:lang="zh-CN"><seg>{esc(z)}</seg></tuv>'
                  f'<tuv xml:lang="en-US"><seg>{esc(e)}</seg></tuv>{extra_tuv}</tu>\n'
                  for z, e in pairs)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}<tmx version="{version}">'
            '<header creationtool="bench" creationtoolversion="1" segtype="sentence" '
            'o-tmf="none" adminlang="en" srclang="zh-CN" datatype="plaintext"/>'
            f"<body>\n{tus}</body></tmx>\n")


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def para(text: str) -> str:
    """A WordprocessingML paragraph of one run."""
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(path: Path, body: str, parts: dict[str, tuple[str, str, str]] | None = None,
         ns: str = W, prolog: str = "") -> Path:
    """A .docx whose body is ``body``; ``parts`` maps a part name (``footnotes``) to
    (relationship type, content type, the part's root element, its ``xmlns:w`` "NS")."""
    rel = REL_STRICT if ns == W_STRICT else REL
    parts = parts or {}
    over = "".join(f'<Override PartName="/word/{n}.xml" ContentType="{WML}.{ct}+xml"/>'
                   for n, (_, ct, _) in parts.items())
    rels = "".join(f'<Relationship Id="rId{k}" Type="{rel}/{t}" Target="{n}.xml"/>'
                   for k, (n, (t, _, _)) in enumerate(parts.items(), 2))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PKG}/content-types">'
                   f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
                   'package.relationships+xml"/><Default Extension="xml" '
                   'ContentType="application/xml"/><Override PartName="/word/document.xml" '
                   f'ContentType="{WML}.document.main+xml"/>{over}</Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   f'xmlns="{PKG}/relationships"><Relationship Id="rId1" '
                   f'Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?>'
                   f'<Relationships xmlns="{PKG}/relationships">{rels}</Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
                   f'<w:document xmlns:w="{ns}" xmlns:v="urn:schemas-microsoft-com:vml" '
                   f'xmlns:r="{rel}"><w:body>{body}</w:body></w:document>')
        for n, (_, _, root) in parts.items():  # root: its xmlns:w is written "NS"
            z.writestr(f"word/{n}.xml", '<?xml version="1.0" encoding="UTF-8"?>'
                       + root.replace('"NS"', f'"{ns}"'))
    return path


def docx_bomb(path: Path, megabytes: int) -> Path:
    """A .docx whose document.xml unpacks to ``megabytes`` MB of empty paragraphs."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PKG}/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
                    f"<w:body>{para('炸弹之前的一句话。')}".encode())
            chunk = b"<w:p/>" * (1 << 17)
            for _ in range(megabytes * (1 << 20) // len(chunk)):
                f.write(chunk)
            f.write(f"{para('炸弹之后的一句话。')}</w:body></w:document>".encode())
    return path


def full_filesystem(ctx: Ctx, size_kb: int = 256) -> Path | None:
    """A folder on a tmpfs of ``size_kb`` KB (root only; None if it cannot be mounted);
    unmounted when the case ends."""
    if not ctx.mount or os.geteuid() != 0:
        return None
    mnt = ctx.dir / "fs"
    mnt.mkdir()
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs",
                            str(mnt)], capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if r.returncode != 0:
        return None

    def unmount() -> None:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=20, check=False)

    ctx.cleanups.append(unmount)
    return mnt


def fill(folder: Path) -> None:
    """Fill the file system of ``folder`` to the last byte."""
    for name, chunk in (("filler", 1 << 16), ("filler2", 512), ("filler3", 1)):
        try:
            fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT, 0o644)
        except OSError:
            continue
        try:
            while True:
                os.write(fd, b"\0" * chunk)
        except OSError:
            pass
        finally:
            os.close(fd)
