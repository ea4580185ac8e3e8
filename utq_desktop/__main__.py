from utq_desktop.cli import main

raise SystemExit(main())
