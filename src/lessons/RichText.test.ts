import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { displayMath, RichText } from './RichText';

const html = (text: string) => renderToStaticMarkup(createElement(RichText, { text }));

describe('a lesson\'s text', () => {
  it('is Markdown: paragraphs, code, emphasis, lists, links that open apart', () => {
    const out = html('One `x.grad` and **bold**.\n\n- a\n- *b*\n\n[docs](https://pytorch.org/docs)');
    expect(out).toContain('<p>One <code>x.grad</code> and <strong>bold</strong>.</p>');
    expect(out).toContain('<li><em>b</em></li>');
    expect(out).toContain('<a href="https://pytorch.org/docs" target="_blank" rel="noopener noreferrer nofollow">docs</a>');
  });

  it('typesets math with KaTeX, inline and displayed', () => {
    const out = html('Inline $x^2$ here.\n\n$$\\frac{dy}{dx} = 2x$$');
    expect(out.match(/class="katex"/g)).toHaveLength(2);
    expect(out).toContain('class="katex-display"');
    expect(out).toContain('<annotation encoding="application/x-tex">\\frac{dy}{dx} = 2x</annotation>');
    expect(displayMath('a $$x$$ b\n$$y$$')).toBe('a $$x$$ b\n$$\ny\n$$');
  });

  it('carries no HTML, script URL, image or trusted KaTeX command from a teacher\'s file', () => {
    const out = html('<script>alert(1)</script><img src=x onerror=alert(1)> <b>bold</b>\n\n[x](javascript:alert(1)) ![pixel](https://tracker.example/p.png)\n\n$\\href{javascript:alert(1)}{x}$');
    expect(out).not.toMatch(/<script|<img|onerror|<b>|href=|tracker\.example/);
    expect(out).toContain('<span>x</span> <span class="rich-image-alt">[pixel]</span>');
    // KaTeX, untrusted, draws \href as its source in the error colour (no link).
    expect(out).toContain('<span class="mord" style="color:#cc0000">\\href</span>');
  });

  it('shows a formula KaTeX cannot read as its source rather than failing', () => {
    expect(html('$\\frac{1}{$')).toContain('katex-error');
  });
});
