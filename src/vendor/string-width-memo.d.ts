export default function memoStringWidth(input: string, options?: object): number;
