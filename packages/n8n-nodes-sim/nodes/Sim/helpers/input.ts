import type { FieldType, IExecuteFunctions, ResourceMapperValue } from 'n8n-workflow';
import { jsonParse, NodeOperationError, validateFieldType } from 'n8n-workflow';

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The workflow input of one item: the JSON parameter (an object, or text holding one), or the values
 * of the "Map Each Field" resource mapper, converted to the types of the workflow's input fields.
 */
export function readWorkflowInput(
	this: IExecuteFunctions,
	inputMode: string,
	raw: unknown,
	itemIndex: number,
): Record<string, unknown> {
	if (inputMode === 'fields') return mappedFields.call(this, raw as ResourceMapperValue | null, itemIndex);
	let value: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return {};
		try {
			value = jsonParse(text);
		} catch {
			throw new NodeOperationError(this.getNode(), 'The Input parameter is not valid JSON', {
				itemIndex,
				description: 'Write the workflow input as a JSON object, e.g. {"name": "Ada", "count": 2}.',
			});
		}
	}
	if (value === undefined || value === null) return {};
	if (!isPlainObject(value)) {
		throw new NodeOperationError(this.getNode(), 'The Input parameter must be a JSON object', {
			itemIndex,
			description: 'Sim takes the input as an object of Start-block field names to values, e.g. {"name": "Ada"}.',
		});
	}
	return value;
}

function mappedFields(
	this: IExecuteFunctions,
	mapper: ResourceMapperValue | null,
	itemIndex: number,
): Record<string, unknown> {
	const values = mapper?.value ?? {};
	const types = new Map<string, FieldType | undefined>();
	for (const field of mapper?.schema ?? []) types.set(field.id, field.type);
	const input: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined || value === null) continue;
		const type = types.get(name);
		if (!type || type === 'string') {
			input[name] = value;
			continue;
		}
		// An empty box of a typed field means "not set", not an empty string.
		if (value === '') continue;
		const checked = validateFieldType(name, value, type);
		if (!checked.valid) {
			throw new NodeOperationError(this.getNode(), checked.errorMessage, {
				itemIndex,
				description: `The workflow input field "${name}" expects a value of type ${type}.`,
			});
		}
		input[name] = checked.newValue;
	}
	return input;
}
