import type { OperationName } from '@ecgrid-bridge/soap';

export type Language = 'csharp' | 'vb' | 'java' | 'php' | 'python' | 'javascript' | 'envelope';

/** One place the code calls an ECGridOS operation. Paths are relative to the scanned root, with `/`. */
export interface CallSite {
  readonly operation: OperationName;
  readonly file: string;
  readonly line: number;
  readonly language: Language;
  /** How it was recognised, e.g. `svcutil proxy`, `zeep client`, `SOAPAction`. */
  readonly via: string;
}

/** A generated proxy (or WSDL): the service's definition, whose methods are not calls. */
export interface ProxyDefinition {
  readonly file: string;
  /** The client classes or port interfaces it declares, which calling code creates. */
  readonly proxyTypes: readonly string[];
}

/** A configuration file naming the service URL. */
export interface EndpointMention {
  readonly file: string;
  readonly line: number;
  readonly url: string;
}

/** One text file, read once and handed to every detector that wants it. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface DetectorContext {
  /** Proxy classes and port interfaces declared by the generated proxies found in the tree, plus the usual names. */
  readonly proxyTypes: ReadonlySet<string>;
}

export interface Detector {
  readonly language: Language;
  readonly handles: (path: string) => boolean;
  readonly detect: (file: SourceFile, context: DetectorContext) => CallSite[];
}
