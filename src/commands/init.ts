// `init`: write blank (or sample) templates to hand to an enterprise.
import type { Command } from 'commander';
import { t } from '../i18n.js';
import { emit, type CommandContext } from './context.js';
import { commonOptions } from './options.js';

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .summary('生成空白模板 / write blank templates')
    .description('在文件夹中生成交给企业填写的模板：每类数据一个 XLSX（中文表头、下拉选项、填写说明），以及带中文注释的 profile.yaml。\nWrite templates to hand to an enterprise: one XLSX per dataset (Chinese headers, drop-down lists, instructions) and a commented profile.yaml.')
    .argument('[dir]', '目标文件夹 / target folder', '.')
    .option('--sample', '填入示例数据（可直接运行 validate）/ fill in sample rows (they pass validate)')
    .option('--force', '覆盖已有文件（符号链接本身被替换，不写入其指向的文件）/ replace existing files (a symbolic link itself, never the file it points to)')
    .addHelpText('after', `
示例 / Examples:
  $ aftersales-audit init 企业模板
  $ aftersales-audit init demo --sample && aftersales-audit validate demo`)
    .action(async (dir: string, options: { sample?: boolean; force?: boolean }, command: Command) => {
      const common = commonOptions(command, ctx);
      const lang = ctx.lang;
      const { writeTemplates } = await import('../init.js');
      const written = await writeTemplates(dir, { sample: options.sample === true, force: options.force === true });
      if (!common.quiet) {
        await emit(ctx.io, `${t(lang, 'initDone', { dir })}\n${written.map((f) => `  ${f}`).join('\n')}\n${t(lang, 'initNext', { dir })}\n`, lang);
      }
    });
}
