// Types of lab.mjs, for the TypeScript tests that use it (test/lab).
export declare const labDir: string;
export declare const JUPYTERLAB_VERSION: string;
export declare const buildDir: string;
export declare const serverScript: string;
export declare const python: string;
export declare const APT_PACKAGES: string[];
export declare function inputsHash(): string;
export declare function isInstalled(): boolean;
export interface BuildInfo {
  jupyterlab: string;
  inputsHash: string;
  mainJs: string;
  schemas: number;
  themes: string[];
  builtAt: string;
  seconds: number;
}
export declare function readBuildInfo(): BuildInfo | null;
export declare function isBuilt(): boolean;
export declare function pythonProblem(): string | null;
export declare function installLab(options?: { log?: (line: string) => void }): Promise<void>;
export declare function buildLab(options?: { log?: (line: string) => void }): Promise<BuildInfo>;
export declare function ensureLab(options?: { log?: (line: string) => void; force?: boolean }): Promise<{ installed: boolean; built: boolean }>;
export declare const labRequire: NodeRequire;
export interface ServerCommandOptions {
  notebookDir: string;
  port?: number;
  token?: string;
  stateDir?: string;
  checkpointsDir?: string;
  openBrowser?: boolean;
  portRetries?: number;
}
export declare function serverCommand(options: ServerCommandOptions): { command: string; args: string[]; env: NodeJS.ProcessEnv };
