/**
 * One explanation drawn as a path: the graph nodes from the evidence to the hit, each
 * relationship an arrow in its stored direction, labelled with its type. The same path in
 * words is the image's accessible name.
 */
import type { ExplanationPath as Path } from '../../../lib/types.js';

/**
 * Drawn at its natural size, never scaled to the card (at 390 px that made labels 5–7 px): a
 * path wider than the card scrolls inside it. Labels take two lines of LINE_CHARS at 13 px.
 */
const BOX_W = 210;
const BOX_H = 70;
const GAP = 96;
const LINE_CHARS = 27;
/** Okabe–Ito hues darkened to 4.5:1 or more on white: the kind is written in this colour. */
const KIND_COLOUR: Record<string, string> = {
  Person: '#B3418A',
  Organisation: '#0072B2',
  Project: '#9A5000',
  Result: '#007A5A',
  Document: '#2F6F9F',
  Challenge: '#B0331A',
  Topic: '#555555',
};

/** Up to two lines, broken at spaces where possible; only what is still longer ends with "…". */
export function twoLines(s: string, n = LINE_CHARS): [string, string] {
  if (s.length <= n) return [s, ''];
  const space = s.lastIndexOf(' ', n);
  const cutAt = space > n / 2 ? space : n;
  const first = s.slice(0, cutAt).trimEnd();
  const rest = s.slice(cutAt).trimStart();
  return [first, rest.length <= n ? rest : `${rest.slice(0, n - 1)}…`];
}
const relWords = (t: string) => t.toLowerCase().replaceAll('_', ' ');

function NodeLabel({ label }: { label: string }) {
  const [first, second] = twoLines(label);
  return (
    <>
      <text x={10} y={38} className="path-label">
        {first}
      </text>
      {second === '' ? null : (
        <text x={10} y={55} className="path-label">
          {second}
        </text>
      )}
    </>
  );
}

export function ExplanationPath({ path }: { path: Path }) {
  const n = path.nodes.length;
  const width = n * BOX_W + (n - 1) * GAP;
  const words = path.nodes
    .map((node, i) => {
      const rel = path.relationships[i];
      const next = path.nodes[i + 1];
      if (rel === undefined || next === undefined) return `${node.kind} ${node.label}`;
      const forward = rel.from === node.id;
      return `${node.kind} ${node.label} ${forward ? `${relWords(rel.type)} →` : `← ${relWords(rel.type)}`}`;
    })
    .join(' ');
  return (
    <svg
      className="path"
      data-path-nodes={n}
      viewBox={`0 0 ${width} ${BOX_H + 8}`}
      width={width}
      role="img"
      aria-label={`Explanation: ${words}`}
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="#444444" />
        </marker>
      </defs>
      {path.nodes.map((node, i) => {
        const x = i * (BOX_W + GAP);
        return (
          <g key={node.id} className="path-node" data-id={node.id} transform={`translate(${x},4)`}>
            <title>{`${node.kind}: ${node.label}`}</title>
            <rect
              width={BOX_W}
              height={BOX_H}
              rx={8}
              fill="#fff"
              stroke={KIND_COLOUR[node.kind] ?? '#555'}
              strokeWidth={2}
            />
            <text x={10} y={18} className="path-kind" fill={KIND_COLOUR[node.kind] ?? '#555'}>
              {node.kind}
            </text>
            <NodeLabel label={node.label} />
          </g>
        );
      })}
      {path.relationships.map((rel, i) => {
        const x1 = i * (BOX_W + GAP) + BOX_W;
        const x2 = x1 + GAP;
        const y = BOX_H / 2 + 4;
        const forward = rel.from === path.nodes[i]?.id;
        return (
          <g key={`${rel.type}-${rel.from}-${rel.to}`} className="path-rel" data-type={rel.type}>
            <line
              x1={x1 + 4}
              y1={y}
              x2={x2 - 4}
              y2={y}
              stroke="#444"
              strokeWidth={1.5}
              markerEnd={forward ? 'url(#arrow)' : undefined}
              markerStart={forward ? undefined : 'url(#arrow)'}
            />
            <text x={(x1 + x2) / 2} y={y - 8} textAnchor="middle" className="path-type">
              {relWords(rel.type)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
