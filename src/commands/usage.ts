// commander's usage errors, as one line in the user's language: what was wrong, the fix (the near
// option or command name, the allowed values) and a pointer to --help. commander's own English
// text (and the 54 lines of help after it) is never shown: cli.ts silences its outputError.
import type { CommanderError } from 'commander';
import type { Lang } from '../model.js';

/** The flag of an option's flags ("-o, --output <file>" → "--output"). */
function flagOf(flags: string): string {
  const long = flags.split(/[ ,|]+/).filter((f) => f.startsWith('-'));
  return long.find((f) => f.startsWith('--')) ?? long[0] ?? flags;
}

/** "(Did you mean --from?)" / "(Did you mean one of a, b?)" → "--from" / "a, b". */
function suggestion(message: string): string | null {
  const m = /\(Did you mean (?:one of )?(.+?)\?\)/.exec(message);
  return m ? m[1]! : null;
}

/** The line for a commander usage error; `commandName` is the subcommand run, if any. */
export function usageLine(error: CommanderError, commandName: string | null, lang: Lang): string {
  const zh = lang === 'zh';
  const where = commandName ? `aftersales-audit ${commandName} --help` : 'aftersales-audit --help';
  const help = zh ? `运行 ${where} 查看用法` : `run ${where} for usage`;
  const message = error.message;
  const near = suggestion(message);
  switch (error.code) {
    case 'commander.unknownOption': {
      const flag = /unknown option '([^']*)'/.exec(message)?.[1] ?? '';
      if (near) return zh ? `未知选项 ${flag}，是否要用 ${near}？${help}` : `unknown option ${flag}: did you mean ${near}? ${cap(help)}`;
      return zh ? `未知选项 ${flag}；${help}` : `unknown option ${flag}; ${help}`;
    }
    case 'commander.unknownCommand': {
      const name = /unknown command '([^']*)'/.exec(message)?.[1] ?? '';
      if (near) return zh ? `没有命令 ${name}，是否要用 ${near}？${help}` : `no command ${name}: did you mean ${near}? ${cap(help)}`;
      return zh ? `没有命令 ${name}；可用 validate、audit、init、rules、deadline 等，${help}` : `no command ${name}; ${help} to list the commands`;
    }
    case 'commander.invalidArgument': {
      const m = /option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/s.exec(message);
      if (m) {
        const flag = flagOf(m[1]!);
        const value = m[2]!;
        const choices = m[3]!.split(', ');
        // A spreadsheet report is a file: its format comes from the extension of -o.
        const xlsx = flag === '--format' && value.toLowerCase() === 'xlsx' && commandName === 'audit';
        const lower = value.toLowerCase();
        const close = choices.find((c) => lower.length > 1 && (lower.startsWith(c) || c.startsWith(lower)));
        const extra = xlsx
          ? (zh ? '；XLSX 报告请用 -o 报告.xlsx 写入文件' : '; for an XLSX report write a file: -o report.xlsx')
          : close ? (zh ? `；是否要用 ${flag} ${close}？` : `; did you mean ${flag} ${close}?`) : '';
        return zh
          ? `${flag} 不能取「${value}」，可选：${choices.join('、')}${extra}；${help}`
          : `${flag} cannot be "${value}"; allowed: ${choices.join(', ')}${extra}; ${help}`;
      }
      break;
    }
    case 'commander.missingArgument': {
      const name = /missing required argument '([^']*)'/.exec(message)?.[1] ?? '';
      return zh ? `缺少参数 <${name}>；${help}` : `missing argument <${name}>; ${help}`;
    }
    case 'commander.optionMissingArgument': {
      const flags = /option '([^']*)' argument missing/.exec(message)?.[1] ?? '';
      return zh ? `${flagOf(flags)} 后面缺少取值（${flags}）；${help}` : `${flagOf(flags)} needs a value (${flags}); ${help}`;
    }
    case 'commander.excessArguments': {
      const m = /Expected (\d+) arguments? but got (\d+)/.exec(message);
      if (m) {
        return zh
          ? `参数过多：需要 ${m[1]} 个，收到 ${m[2]} 个（路径中有空格时请加引号）；${help}`
          : `too many arguments: ${m[1]} expected, ${m[2]} given (quote a path with spaces); ${help}`;
      }
      break;
    }
  }
  const plain = message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
  return `${plain}; ${help}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
