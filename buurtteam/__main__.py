from buurtteam.cli import main

raise SystemExit(main())
