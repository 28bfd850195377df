// What `npm start` needs to serve the lessons in the project's JupyterLab (lab/) when the user has
// no JupyterLab of their own: the command, and a prepare step that installs and builds it on the
// first run, printing its progress.
import { JUPYTERLAB_VERSION, ensureLab, python, pythonProblem, serverScript } from './lab.mjs';

/** A start.mjs choice for the project's JupyterLab, or null when Debian's server packages are missing. */
export function projectLab() {
  if (pythonProblem()) return null;
  return {
    jupyter: `the project's JupyterLab ${JUPYTERLAB_VERSION}, lab/`,
    app: 'lab',
    command: python,
    argv: [serverScript],
    prepare: async () => {
      try {
        await ensureLab({ log: (line) => console.log(line) });
      } catch (err) {
        throw new Error(`${err.message ?? err}\nThe project's JupyterLab could not be set up. To use Jupyter Notebook instead: JUPYTER_BIN=/usr/bin/jupyter npm start`);
      }
    },
  };
}
