/**
 * The header that carries the signature when none is configured. Neither provider's page names it (both only show
 * the HMAC), so this is an assumption: configurable everywhere (`signatureHeader`), listed in each adapter's README.
 */
export const defaultWebhookSignatureHeader = 'X-Webhook-Signature';
