/** One line, ellipsis when too long, the whole value on hover. */
export function Truncate({ text, className = '' }: { text: string; className?: string }) {
  return (
    <span className={`truncate ${className}`} title={text}>
      {text}
    </span>
  );
}
