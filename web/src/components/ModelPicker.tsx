/** The model picker: a select over GET /v1/models that moves the page to the chosen model. */
import type { ModelListItem } from '../api/types.ts';

export function ModelPicker({ models, value, onChange }: { readonly models: readonly ModelListItem[]; readonly value: string; readonly onChange: (name: string) => void }) {
  if (models.length <= 1) return <span className="model-name">{value}</span>;
  return (
    <label className="field inline">
      <span>Model</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {models.map((m) => <option key={m.name} value={m.name}>{m.name}</option>)}
      </select>
    </label>
  );
}
