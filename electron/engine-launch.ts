import { join } from 'node:path';

// Where the engine process comes from. The desktop app runs exactly `patchbay serve` from the
// engine bundle, on the Node runtime shipped with the app (packaged) or on the Node that runs
// npm (development), so native modules built by `npm install` load unchanged in both.

export interface LaunchContext {
  readonly isPackaged: boolean;
  /** process.resourcesPath in the packaged app. */
  readonly resourcesPath: string;
  /** The folder holding dist/ in development (the repo root). */
  readonly devRoot: string;
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface EngineLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** The folder that mirrors the repo layout: dist/engine, dist/renderer, node_modules, runtime. */
export function engineRoot(ctx: LaunchContext): string {
  return ctx.isPackaged ? join(ctx.resourcesPath, 'engine') : ctx.devRoot;
}

export function nodeRuntime(ctx: LaunchContext): string {
  if (!ctx.isPackaged) return ctx.env.npm_node_execpath ?? ctx.env.PATCHBAY_NODE ?? 'node';
  return join(engineRoot(ctx), 'runtime', ctx.platform === 'win32' ? 'node.exe' : join('bin', 'node'));
}

export function engineLaunch(ctx: LaunchContext, opts: { readonly dataDir: string; readonly port: number }): EngineLaunch {
  const root = engineRoot(ctx);
  return {
    command: nodeRuntime(ctx),
    // --no-node-snapshot: isolated-vm (the Custom Code sandbox) requires it.
    args: ['--no-node-snapshot', join(root, 'dist', 'engine', 'patchbay.mjs'), 'serve', '--port', String(opts.port), '--data-dir', opts.dataDir, '--control', 'stdin'],
    cwd: root,
  };
}
