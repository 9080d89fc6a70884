// Personal data (names, phones, free text) is masked in every output unless --no-mask (PIPL).

/** 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; 0532-88886666 → 053*****6666 (first three and last four digits kept). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** Free text is replaced by its length only. */
export function maskContent(text: string): string {
  return `***(${[...text].length})`;
}

export function maskValue(value: string, kind: 'name' | 'phone' | 'content'): string {
  if (kind === 'name') return maskName(value);
  if (kind === 'phone') return maskPhone(value);
  return maskContent(value);
}
