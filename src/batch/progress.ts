// The batch's progress on stderr: enterprises done of total and the slowest one running. Only on
// a terminal, never in CI, never with --quiet; nothing of it reaches stdout or an output file.
import type { Io } from '../cli.js';
import type { Lang } from '../model.js';
import { terminalSafe } from '../report/present.js';
import type { Running } from './pool.js';

export function progressLine(io: Io, quiet: boolean, lang: Lang): { update(done: number, total: number, running: readonly Running[]): void; end(): void } | null {
  if (quiet || io.stderr.isTTY !== true || io.env['CI'] === 'true' || io.env['CI'] === '1') return null;
  let last = { done: 0, total: 0, running: [] as readonly Running[] };
  const draw = (): void => {
    const slowest = [...last.running].sort((a, b) => a.since - b.since)[0];
    const seconds = slowest ? Math.round((Date.now() - slowest.since) / 1000) : 0;
    const tail = slowest ? (lang === 'zh' ? ` · 最久：${terminalSafe(slowest.folder)}（${seconds} 秒）` : ` · slowest: ${terminalSafe(slowest.folder)} (${seconds} s)`) : '';
    io.stderr.write(`\r\u001b[2K${lang === 'zh' ? `批量审计：已完成 ${last.done}/${last.total}` : `batch: ${last.done} of ${last.total} done`}${tail}`);
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  return {
    update(done, total, running) {
      last = { done, total, running };
      draw();
    },
    end() {
      clearInterval(timer);
      io.stderr.write('\r\u001b[2K');
    },
  };
}
