/**
 * A lesson's "markdown-lite" as React text: paragraphs split by blank lines, `inline code` in
 * backticks. Nothing is parsed as HTML: a teacher's file can carry no markup or script.
 */
export function RichText({ text, className }: { text: string; className?: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <div className={className}>
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split('`').map((part, j) => (j % 2 === 1 ? <code key={j}>{part}</code> : part))}
        </p>
      ))}
    </div>
  );
}
