/**
 * One explanation drawn as a path: the graph nodes from the evidence to the hit, each
 * relationship an arrow in its stored direction, labelled with its type. The same path in
 * words is the image's accessible name.
 */
import type { ExplanationPath as Path } from '../../../lib/types.js';

const BOX_W = 190;
const BOX_H = 54;
const GAP = 96;
const KIND_COLOUR: Record<string, string> = {
  Person: '#CC79A7',
  Organisation: '#0072B2',
  Project: '#E69F00',
  Result: '#009E73',
  Document: '#56B4E9',
  Challenge: '#D55E00',
  Topic: '#555555',
};

const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const relWords = (t: string) => t.toLowerCase().replaceAll('_', ' ');

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
          <path d="M0,0 L10,5 L0,10 z" fill="#444" />
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
            <text x={10} y={38} className="path-label">
              {cut(node.label, 23)}
            </text>
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
