export {
  type CallDiagnostic,
  type CallResultSummary,
  type DiagnosticChannel,
  diagnosticsChannelNames,
  type ErrorDiagnostic,
  type GatewayDiagnostic,
  type HttpDiagnostic,
  type LogDiagnostic,
} from './diagnostics-channels.js';
