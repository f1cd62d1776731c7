"""Starting the window: the application object, languages, the crash handler, the database.

`run` is the one entry point; the CLI imports this module only when a window is wanted,
so printing and importing work without Qt.
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QLibraryInfo, QObject, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from buurtteam import i18n
from buurtteam.errors import BuurtteamError
from buurtteam.i18n import _
from buurtteam.ui.settings import Settings

if TYPE_CHECKING:
    from buurtteam.store.db import Database
    from buurtteam.ui.main_window import MainWindow

log = logging.getLogger(__name__)

APP_NAME = "buurtteam"
MIN_POINT_SIZE = 11.0  # many users are older; the platform default (9-10 pt) is small
SMOKE_TIMEOUT_MS = 30_000


def run(db_target: str, language: str | None, *, smoke: bool, started: float) -> int:
    """Show the main window on the database at `db_target`; the process's exit code.

    Args:
        db_target: a file path or a database URL.
        language: "nl" or "en"; None for the one chosen in the window's menu last time.
        smoke: paint the window once with its data, print the milliseconds since `started`
            on stdout and exit 0.
        started: `time.perf_counter()` taken at process start.
    """
    if smoke and _headless():
        # A smoke run in CI has no screen; without this Qt aborts the process.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    settings = Settings()
    chosen = language or settings.language
    i18n.set_language(chosen)
    translator = _install_qt_translator(app, chosen)
    _use_readable_font(app)

    crash_handler = CrashHandler(smoke=smoke)
    previous_hook = sys.excepthook
    sys.excepthook = crash_handler
    window: MainWindow | None = None
    try:
        # The window shows what a quick look into the file finds; SQLAlchemy, the models
        # and the migrations (most of the start-up time) load behind it. Without a quick
        # look (a server, a new file, one to migrate), a splash shows while they load.
        window = _first_screen(db_target, settings)
        splash = _show_splash(app) if window is None else None
        printed = False
        if window is not None and _wait_for_paint(window.current_page()) and smoke:
            _print_ms(started)
            printed = True

        from buurtteam.ui.file_guard import FileGuard
        from buurtteam.ui.main_window import MainWindow

        db = _open(db_target, smoke=smoke, splash=splash)
        if db is None:
            return 1
        guard = FileGuard(db, settings, quiet=smoke)
        try:
            if not guard.start():
                return 0
            if window is None:
                window = MainWindow(db, settings)
                window.show()
            elif window.isVisible():
                window.attach(db)
            else:
                return 0  # closed during its first look: nothing was changed, quit
            crash_handler.window = window
            if splash is not None:
                splash.close()
            if smoke:
                return _smoke(app, window, None if printed else started)
            return app.exec()
        finally:
            guard.stop()
            db.close()
    finally:
        if window is not None:
            window.close()
        sys.excepthook = previous_hook
        if translator is not None:
            app.removeTranslator(translator)


def _first_screen(db_target: str, settings: Settings) -> MainWindow | None:
    """The main window on a first look into the file, shown; None when no look was possible."""
    from buurtteam.ops.first_look import first_look
    from buurtteam.ui.main_window import MainWindow

    look = first_look(db_target, settings.neighbourhood, date.today())
    if look is None:
        return None
    window = MainWindow(None, settings, first_look=look)
    window.show()
    return window


def _wait_for_paint(widget: QWidget, timeout_ms: int = 1000) -> bool:
    """Run the event loop until `widget` has painted (True) or `timeout_ms` has passed.

    The data stack then loads in one go, during which the window cannot paint: so it
    must have painted its first look before."""
    loop = QEventLoop()
    painted = QTimer(singleShot=True)
    painted.timeout.connect(loop.quit)
    watcher = _FirstPaint(painted)
    widget.installEventFilter(watcher)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    widget.removeEventFilter(watcher)
    return painted.isActive() or watcher.seen


def _print_ms(started: float) -> None:
    print(int((time.perf_counter() - started) * 1000), flush=True)


def _show_splash(app: QApplication) -> QLabel:
    """The app's name at once, while the data and the pages load behind it.

    A plain label, not QSplashScreen: that one waits up to a second for the window system
    to report it exposed, which a headless start never does.
    """
    splash = QLabel("buurtteam\n\n" + _("Opening the data..."))
    splash.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    splash.setAlignment(Qt.AlignmentFlag.AlignCenter)
    splash.setTextFormat(Qt.TextFormat.PlainText)
    splash.setFixedSize(440, 150)
    splash.setFrameShape(QLabel.Shape.Box)  # frameless: its own edge keeps it apart
    font = splash.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    splash.setFont(font)
    splash.show()
    app.processEvents()  # paint it now, before the long imports
    return splash


def _open(db_target: str, *, smoke: bool, splash: QLabel | None = None) -> Database | None:
    """Open the database; a damaged file is offered its newest sound backup."""
    from buurtteam.store.backups import restore
    from buurtteam.store.db import DamagedFile, open_database
    from buurtteam.ui import dialogs

    try:
        return _open_with_password(db_target, smoke=smoke, splash=splash)
    except DamagedFile as error:
        if smoke or error.backup is None:
            _report(error, smoke=smoke, splash=splash)
            return None
        if splash is not None:
            splash.hide()  # a question must not sit behind the splash
        question = (
            error.text()
            + "\n\n"
            + _("Restore that backup now? The damaged file is kept beside it, renamed.")
        )
        if not dialogs.ConfirmDialog.ask(None, question):
            return None
        try:
            damaged_db = open_database(db_target, migrate=False, daily_backup=False)
            restore(damaged_db, error.backup, datetime.now())
            damaged_db.close()
            return open_database(db_target)
        except BuurtteamError as again:
            _report(again, smoke=smoke)
            return None
    except BuurtteamError as error:
        _report(error, smoke=smoke, splash=splash)
        return None


def _open_with_password(
    db_target: str, *, smoke: bool, splash: QLabel | None = None
) -> Database | None:
    """Open the database; a server that asks for a password gets one typed in a dialog.

    None when the person cancelled the dialog. A kept password the server refuses is taken
    out of the keyring, so the next start asks again instead of failing again.
    """
    from buurtteam.store import server
    from buurtteam.store.db import open_database
    from buurtteam.store.server import PasswordNeeded
    from buurtteam.ui import dialogs
    from buurtteam.ui import password as password_dialog

    password: str | None = None
    remember = False
    while True:
        try:
            db = open_database(db_target, password=password)
        except PasswordNeeded as needed:
            if smoke:
                raise
            if password is None and needed.refused:
                server.forget_password(db_target)
            if splash is not None:
                splash.hide()
            answer = password_dialog.ask_password(
                None,
                needed.text(),
                server.without_password(db_target),
                can_remember=server.keyring_available(),
            )
            if answer is None:
                return None
            password, remember = answer.password, answer.remember
            continue
        if remember and password and not server.store_password(db_target, password):
            dialogs.show_information(
                None, _("The password could not be kept in this computer's keyring.")
            )
        return db


def _report(error: BuurtteamError, *, smoke: bool, splash: QLabel | None = None) -> None:
    if splash is not None:
        splash.hide()
    if smoke:
        print(error.text(), file=sys.stderr)
    else:
        from buurtteam.ui import dialogs

        dialogs.show_error(None, error)


def _headless() -> bool:
    return sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )


def _install_qt_translator(app: QApplication, language: str) -> QTranslator | None:
    """Qt's own Dutch, so standard buttons read "Annuleren" and "Opslaan"."""
    if language == "en":
        return None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        log.warning("Qt's translations for %s not found in %s", language, folder)
        return None
    app.installTranslator(translator)
    return translator


def _use_readable_font(app: QApplication) -> None:
    font = app.font()
    if font.pointSizeF() < MIN_POINT_SIZE:
        font.setPointSizeF(MIN_POINT_SIZE)
        app.setFont(font)


class _FirstPaint(QObject):
    """Calls back once, after the watched widget's first paint has been handled."""

    def __init__(self, on_painted: QTimer) -> None:
        super().__init__()
        self._on_painted = on_painted
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            # Let this paint finish first: the timer fires once the event loop is free.
            self.seen = True
            self._on_painted.start(0)
        return False


def _smoke(app: QApplication, window: MainWindow, started: float | None) -> int:
    """Exit 0 once the page has painted with the open database's data; print the
    milliseconds since `started` (None: the first look printed them already)."""

    def _on_painted() -> None:
        if started is not None:
            _print_ms(started)
        app.exit(0)

    def _on_timeout() -> None:
        print("the window did not paint in time", file=sys.stderr)
        app.exit(1)

    painted = QTimer(singleShot=True)
    painted.timeout.connect(_on_painted)
    watcher = _FirstPaint(painted)
    # The page was read when the window was built; its first paint shows the data.
    page: QWidget = window.current_page()
    page.installEventFilter(watcher)
    page.update()  # a page shown at its first look paints again with the data read now
    QTimer.singleShot(SMOKE_TIMEOUT_MS, _on_timeout)
    code = app.exec()
    page.removeEventFilter(watcher)
    return code


class CrashHandler:
    """sys.excepthook: anything that is not a BuurtteamError is a bug. Log it and say so."""

    def __init__(self, *, smoke: bool) -> None:
        self.smoke = smoke
        self.window: QWidget | None = None
        self._showing = False

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.exit(130)
            return
        details = "".join(traceback.format_exception(kind, error, trace))
        log.critical("Uncaught exception\n%s", details)
        log_file = _write_crash_log(details)
        if self.smoke:
            print(details, file=sys.stderr)
            QApplication.exit(1)
            return
        if self._showing:  # a second error while the dialog is open: logged is enough
            return
        from buurtteam.ui import dialogs

        self._showing = True
        try:
            if dialogs.show_crash(self.window, details, log_file):
                QApplication.exit(1)
        finally:
            self._showing = False


def _write_crash_log(details: str) -> Path | None:
    """Append to the log the CLI writes its bugs to too; None when it cannot be written."""
    from platformdirs import user_log_path

    try:
        folder = user_log_path(APP_NAME, appauthor=False, ensure_exists=True)
        path = folder / "fouten.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{details}\n")
    except OSError:
        return None
    return path
