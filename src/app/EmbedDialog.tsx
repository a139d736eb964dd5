/**
 * "Embed": the `<iframe>` code for the current snippet's embeddable view (embed.html#code/...),
 * with its options. The iframe is sandboxed: scripts, and popups for the "Open in Gradlab" link.
 */
import { useState } from 'react';
import { useStore } from '../store';
import { CopyButton } from './CopyButton';
import { Dialog } from './Dialog';
import { hashForCode } from './links';
import type { Language } from '../store/language';

export interface EmbedOptions {
  editor: boolean;
  readonly: boolean;
  autoplay: boolean;
  theme: 'light' | 'dark';
}

/** embed.html's query for these options. */
export function embedSearch(o: EmbedOptions): string {
  const params = new URLSearchParams();
  if (!o.editor) params.set('editor', '0');
  if (o.readonly) params.set('readonly', '1');
  if (o.autoplay) params.set('autoplay', '1');
  params.set('theme', o.theme);
  return params.toString();
}

/** embed.html beside this page (the site may live in a subfolder), with the options and the snippet. */
export function embedUrl(source: string, o: EmbedOptions, language: Language = 'typescript'): string {
  const url = new URL('embed.html', location.href);
  url.search = embedSearch(o);
  url.hash = hashForCode(source, language);
  return url.href;
}

export function iframeCode(src: string, height: number, title = 'Gradlab: autograd graph'): string {
  const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  // Scripts only, plus popups so that "Open in Gradlab" can open the playground (un-sandboxed: it is our own page).
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${height}" style="border:0" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" loading="lazy"></iframe>`;
}

export function EmbedDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const theme = useStore((s) => s.theme);
  const source = useStore((s) => s.source);
  const language = useStore((s) => s.language);
  const [o, setO] = useState<Omit<EmbedOptions, 'theme'>>({ editor: true, readonly: false, autoplay: false });
  const code = iframeCode(embedUrl(source, { ...o, theme }, language), o.editor ? 640 : 480);
  const option = (key: keyof typeof o, label: string) => (
    <label className="embed-option">
      <input type="checkbox" checked={o[key]} onChange={(e) => setO({ ...o, [key]: e.target.checked })} data-testid={`embed-${key}`} />
      {label}
    </label>
  );
  return (
    <Dialog open={open} title="Embed this snippet" onClose={onClose} testId="embed-dialog">
      <p>Paste this into a page, a course platform or a notebook&rsquo;s HTML cell. The snippet travels in the link; the graph auto-sizes its frame.</p>
      <div className="embed-options">
        {option('editor', 'Show the editor')}
        {option('readonly', 'Read-only')}
        {option('autoplay', 'Play backward on load')}
      </div>
      <textarea className="gl-dialog-code embed-code" readOnly value={code} rows={5} aria-label="iframe code" data-testid="embed-code" onFocus={(e) => e.target.select()} />
      <CopyButton text={code} testId="embed-copy" label="Copy code" primary />
    </Dialog>
  );
}
