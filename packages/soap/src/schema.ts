/** The shapes of the generated operation table (see `generated/`); hand-written so the generator has a contract. */

export type TypeKind = 'builtin' | 'enum' | 'complex' | 'array' | 'dataset';

/** One XML element: an operation parameter, a complex-type field, or an operation result. */
export interface ElementSpec {
  readonly name: string;
  /** `xs:<builtin>` or `tns:<TypeName>`. */
  readonly type: string;
  readonly kind: TypeKind;
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly nillable: boolean;
}

export interface ArraySpec {
  readonly itemElement: string;
  /** `xs:<builtin>` or `tns:<TypeName>`. */
  readonly itemType: string;
  readonly itemKind: TypeKind;
}

export interface ComplexTypeSpec {
  readonly name: string;
  readonly fields: readonly ElementSpec[];
  /** Present for `ArrayOfX` wrappers: their single repeated child. Such values are plain arrays in TypeScript. */
  readonly array?: ArraySpec;
}

export interface OperationSpec {
  readonly name: string;
  readonly soapAction: string;
  readonly requestElement: string;
  readonly responseElement: string;
  readonly params: readonly ElementSpec[];
  /** Null for operations whose response wrapper has no result element. */
  readonly result: ElementSpec | null;
}

export interface ServiceSpec {
  readonly namespace: string;
  readonly serviceName: string;
  readonly soap11Port: string;
  readonly soap11Binding: string;
  /** The SOAP 1.2 port and binding ('' when the service declares none). */
  readonly soap12Port: string;
  readonly soap12Binding: string;
  readonly wsdlVersion: string;
  readonly wsdlBuild: string;
}
