import { UsageError } from './options';

/** `threadscape check FILE...` */
export async function checkCommand(_files: string[]): Promise<number> {
  throw new UsageError('check is not available yet');
}
