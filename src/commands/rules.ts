// `rules`: the clauses and how each is judged, or one clause explained.
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { emit, type CommandContext } from './context.js';
import { commonOptions } from './options.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('rules')
    .summary('列出条款及判定方式 / list the clauses and how each is judged')
    .description('不带参数列出全部条款（覆盖矩阵）；带条款号说明该条的要求、所用数据、判定方法和参数。\nWithout an id: every clause, how it is judged and from which data; with an id: that clause explained.')
    .argument('[id]', '条款号，如 4.7；章号 4 列出该章各条 / a clause id such as 4.7; a chapter (4) lists its clauses')
    .addHelpText('after', `
示例 / Examples:
  $ aftersales-audit rules
  $ aftersales-audit rules 4.7 --lang en
  $ aftersales-audit rules 4          # --only 4 选中的条款 / the clauses --only 4 selects`)
    .action(async (id: string | undefined, _options: unknown, command: Command) => {
      commonOptions(command, ctx);
      const lang = ctx.lang;
      const { rulesText, ruleText } = await import('../report/rules-text.js');
      if (id === undefined) await emit(ctx.io, rulesText(lang), lang);
      else {
        const text = ruleText(id, lang);
        if (text === null) {
          const { validIdsNear } = await import('../checks/index.js');
          throw new UsageError({
            zh: `没有条款 ${id}；可用：${validIdsNear(id)}；运行 aftersales-audit rules 查看全部条款`,
            en: `no clause ${id}; valid ids: ${validIdsNear(id)}; run aftersales-audit rules to list them`,
          });
        }
        await emit(ctx.io, text, lang);
      }
    });
}
