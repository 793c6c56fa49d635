export * from './generated/index.js';
export type { ElementSpec, ArraySpec, ComplexTypeSpec, OperationSpec, ServiceSpec, TypeKind } from './schema.js';
export {
  SoapFaultError,
  SoapTransportError,
  SoapProtocolError,
  SoapRequestError,
  type SoapTransportErrorKind,
  type SoapProtocolErrorKind,
} from './errors.js';
export { buildEnvelope } from './codec/encode.js';
export { decodeResponse, type HttpAnswer } from './codec/decode.js';
export { createSoapClient, type SoapClient, type SoapClientOptions, type SoapEvent, type CallOptions } from './client.js';
export {
  createSoapSession,
  takesSessionId,
  defaultIsSessionExpired,
  type SoapSession,
  type SoapSessionOptions,
  type SoapCredentials,
  type SessionOperationName,
  type SessionParams,
} from './session.js';
export { renderWsdl, type RenderWsdlOptions } from './wsdl-writer.js';
export {
  type SoapVersion,
  type EcgridFaultCode,
  type SoapServerFault,
  SOAP11_ENVELOPE_NS,
  SOAP12_ENVELOPE_NS,
  contentTypeOf,
  faultEnvelope,
  clientFault,
  escapeXml,
} from './server/fault.js';
export { type DataSetCell, type DataSetColumn, type DataSetRow, inferColumns, writeDataSet } from './dataset.js';
export { readSoapRequest, nestingDepth, type SoapRequest, type ReadSoapRequestOptions } from './server/request.js';
export { responseEnvelope, ResultEncodingError } from './server/response.js';
export { enumValues, isEnumValue } from './enums.js';
