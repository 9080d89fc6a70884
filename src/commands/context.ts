// What a command registered from its own file needs from the command line (src/cli.ts hands it
// over): the streams, the shared input options, and the exit code and language of the run.
import type { Command } from 'commander';
import type { Calendar } from '../calendar/calendar.js';
import type { Lang } from '../model.js';
import type { Reading } from '../pipeline.js';

export interface CommandInputOptions {
  complaints?: string;
  staff?: string;
  callbacks?: string;
  units?: string;
  profile?: string;
  encoding?: string;
  sheet: string[];
  config?: string;
  mask: boolean;
}

export interface CommandContext {
  readonly stderr: { write(text: string): unknown };
  /** Writes to stdout and waits until it is taken. */
  emit(text: string, lang: Lang): Promise<void>;
  addInputOptions(command: Command): Command;
  /** --lang and --quiet of the program, parsed (sets the run's language for its errors). */
  common(command: Command): { lang: Lang; quiet: boolean };
  setExitCode(code: number): void;
  dateOption(flag: string, value: string | undefined): string | null;
  /** Today in China: the one place the clock is read. */
  today(): string;
  calendarFrom(file: string | undefined): Promise<Calendar>;
  /** What can be refused before the folder is read. */
  outputsGuard(dir: string, options: CommandInputOptions & { calendar?: string }): { inputDir: string; inputs: string[] };
  /** Every file a run read. */
  filesRead(reading: Reading, options: CommandInputOptions & { calendar?: string }): string[];
}
