// Word (.docx) front end: placeholder until the reader lands.
import { InputError } from '../../errors.js';
import type { LaidDocument } from '../model.js';

export async function readDocx(_bytes: Uint8Array, file: string): Promise<LaidDocument> {
  throw new InputError(file, null, 'Word files are not read yet');
}
