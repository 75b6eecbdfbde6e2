import { UsageError, type CommandOptions } from './options';

/** `threadscape run FILE` */
export async function runCommand(_file: string, _opts: CommandOptions): Promise<number> {
  throw new UsageError('run is not available yet');
}
