/** embed.html's options, from its query string (DESIGN.md: `?editor=0&readonly=1&autoplay=1&theme=dark&step=k`). */
export interface EmbedOptions {
  editor: boolean;
  readonly: boolean;
  autoplay: boolean;
  theme: 'light' | 'dark' | null;
  /** Open the stepper at this step of the (newest) backward once the snippet has run. */
  step: number | null;
  /** The embedding page's origin (`?parent=https://…`): height messages go only there, and only its messages count. */
  parentOrigin: string | null;
}

export function parseEmbedOptions(search: string): EmbedOptions {
  const p = new URLSearchParams(search);
  const flag = (name: string, fallback: boolean) => {
    const v = p.get(name);
    return v === null ? fallback : v === '1' || v === 'true';
  };
  const theme = p.get('theme');
  const step = Number.parseInt(p.get('step') ?? '', 10);
  let parentOrigin: string | null = null;
  try {
    const origin = p.get('parent');
    if (origin) parentOrigin = new URL(origin).origin;
  } catch {
    parentOrigin = null;
  }
  return {
    editor: flag('editor', true),
    readonly: flag('readonly', false),
    autoplay: flag('autoplay', false),
    theme: theme === 'dark' || theme === 'light' ? theme : null,
    step: Number.isInteger(step) && step >= 0 ? step : null,
    parentOrigin: parentOrigin === 'null' ? null : parentOrigin,
  };
}
