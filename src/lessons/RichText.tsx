/**
 * A lesson's text: Markdown (react-markdown, CommonMark) with inline math between dollars
 * (remark-math, typeset by KaTeX). Everything reaches the page as React elements: raw HTML in a
 * teacher's text is dropped, never parsed (react-markdown's default), link URLs other than
 * http(s)/mailto are removed, images are shown as their alt text (a shared lesson must not make
 * the student's browser fetch from a site of the lesson's choosing), and KaTeX runs untrusted
 * (`\href`, `\url`, `\htmlClass`… refused). A formula KaTeX cannot read is shown as its source, in
 * the error colour, not as an exception.
 *
 * Loaded with the lesson UI only (the lessons' lazy chunk, with KaTeX's styles; its fonts load when a
 * formula needs them).
 */
import Markdown, { type Components, type Options } from 'react-markdown';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import 'katex/dist/katex.min.css';

const remarkPlugins = [remarkMath];
// maxSize/maxExpand: a formula from a link cannot make KaTeX draw a page-sized box or loop on macros.
const rehypePlugins: Options['rehypePlugins'] = [[rehypeKatex, { throwOnError: false, strict: 'ignore', trust: false, maxSize: 20, maxExpand: 200, output: 'htmlAndMathml' }]];

const components: Components = {
  // A link whose URL was removed (not http(s) or mailto) is its text alone.
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  img: ({ alt }) => <span className="rich-image-alt">{alt ? `[${alt}]` : '[image]'}</span>,
  // Headings inside a step are part of its text, not the page's outline.
  h1: ({ children }) => <p className="rich-heading">{children}</p>,
  h2: ({ children }) => <p className="rich-heading">{children}</p>,
  h3: ({ children }) => <p className="rich-heading">{children}</p>,
  h4: ({ children }) => <p className="rich-heading">{children}</p>,
  h5: ({ children }) => <p className="rich-heading">{children}</p>,
  h6: ({ children }) => <p className="rich-heading">{children}</p>,
};

const SAFE_URL = /^(https?:|mailto:)/i;

/**
 * A line that is only `$$formula$$` is a displayed formula, as teachers write it (remark-math
 * displays a formula only between `$$` lines of their own, and would set this one inline).
 */
export function displayMath(text: string): string {
  return text.replace(/^[ \t]*\$\$(?!\$)([^\n]*?[^$\n])\$\$[ \t]*$/gm, (_, formula: string) => `$$\n${formula}\n$$`);
}

export function RichText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`rich-text${className ? ` ${className}` : ''}`}>
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        skipHtml
        urlTransform={(url) => (SAFE_URL.test(url) ? url : undefined)}
      >
        {displayMath(text)}
      </Markdown>
    </div>
  );
}
