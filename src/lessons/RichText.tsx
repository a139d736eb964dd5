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
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
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

export function RichText({ text, className }: { text: string; className?: string }) {
  return (
    <div className={`rich-text${className ? ` ${className}` : ''}`}>
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        skipHtml
        urlTransform={(url) => (SAFE_URL.test(url) ? url : '')}
      >
        {text}
      </Markdown>
    </div>
  );
}
