"""The lessons' JupyterLab server: the JupyterLab frontend built in lab/build/ by
scripts/lab/build.mjs, served by Debian's jupyter_server (1.23) and jupyterlab_server (2.16).

Run with the system Python (Debian's packages live there):

    /usr/bin/python3 lab/lessons_lab.py --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks ...

Every ServerApp / LessonsLab option works on the command line, as with `jupyter lab`. The
scripts in scripts/lab/ start it with the right ones (`npm start`, `npm run test:lab`).
"""

import os
import sys

from jupyterlab_server import LabServerApp
from traitlets import Unicode, default

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "4.6.3"


class LessonsLab(LabServerApp):
    """JupyterLab 4.6.3, as built from npm into build/, with the lessons' settings overrides."""

    name = "lessons_lab"
    app_name = "JupyterLab"
    description = "JupyterLab for the Training Neural Networks I lessons"
    app_version = Unicode(VERSION)
    extension_url = "/lab"
    default_url = Unicode("/lab")
    # Only this app: no server extensions found on the machine change what the lessons see.
    load_other_extensions = False

    build_dir = Unicode(
        os.environ.get("LESSONS_LAB_BUILD_DIR") or os.path.join(HERE, "build"),
        help="Where scripts/lab/build.mjs put the bundle, schemas, themes and page template.",
    ).tag(config=True)

    state_dir = Unicode(
        os.path.join(HERE, ".state"),
        help="Where the user's settings and workspaces are kept (gitignored).",
    ).tag(config=True)

    @default("static_dir")
    def _default_static_dir(self):
        return os.path.join(self.build_dir, "static")

    @default("templates_dir")
    def _default_templates_dir(self):
        return os.path.join(self.build_dir, "templates")

    @default("schemas_dir")
    def _default_schemas_dir(self):
        return os.path.join(self.build_dir, "schemas")

    @default("themes_dir")
    def _default_themes_dir(self):
        return os.path.join(self.build_dir, "themes")

    @default("app_settings_dir")
    def _default_app_settings_dir(self):
        # overrides.json (the defaults the lessons change) and page_config.json.
        return os.path.join(HERE, "settings")

    @default("user_settings_dir")
    def _default_user_settings_dir(self):
        return os.path.join(self.state_dir, "user-settings")

    @default("workspaces_dir")
    def _default_workspaces_dir(self):
        return os.path.join(self.state_dir, "workspaces")

    def initialize_settings(self):
        index = os.path.join(self.templates_dir, "index.html")
        if not os.path.exists(index):
            sys.exit(f"lessons_lab: no build at {self.build_dir}: run `npm run lab:build` first")
        super().initialize_settings()


def _jupyter_server_extension_points():
    return [{"module": "lessons_lab", "app": LessonsLab}]


main = LessonsLab.launch_instance

if __name__ == "__main__":
    # Import this file again under its module name, so jupyter_server finds the extension as
    # `lessons_lab` (its extension loader imports the app's module by name).
    sys.path.insert(0, HERE)
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    import lessons_lab

    lessons_lab.main()
