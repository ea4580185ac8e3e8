"""Entry point of ``python -m utq_desktop`` and of the PyInstaller bundle."""

import multiprocessing

from utq_desktop.cli import main

if __name__ == "__main__":
    # A certificate batch renders in worker processes ("spawn"); in the bundle they start
    # this executable again, and freeze_support() makes them run the worker, not the app.
    multiprocessing.freeze_support()
    raise SystemExit(main())
