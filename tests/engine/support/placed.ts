/** A resource as its URN places it: its type, its name and its ancestors' types, outermost first. */
export interface Placed {
  readonly type: string;
  readonly name: string;
  readonly ancestors: readonly string[];
}

/** Reads `urn:pulumi:<stack>::<project>::<parent types $ joined>$<type>::<name>`. */
export function placed(urn: string): Placed {
  const [, , qualifiedType, ...name] = urn.split("::");
  const types = qualifiedType.split("$");
  return { type: types[types.length - 1], name: name.join("::"), ancestors: types.slice(0, -1) };
}
