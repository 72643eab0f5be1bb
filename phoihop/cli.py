"""The `phoihop` command: Django's management commands under one name.

`phoihop serve`, `phoihop refdata load`, `phoihop demo`, `phoihop token create alice`,
`phoihop createsuperuser`, `phoihop migrate`, … Dashes in a command name are accepted
(`import-articles` runs `import_articles`).
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "phoihop.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "phoihop"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
