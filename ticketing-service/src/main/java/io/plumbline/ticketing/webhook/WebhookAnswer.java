package io.plumbline.ticketing.webhook;

/** What Plumbline did with a webhook delivery, returned to the caller (and useful in its delivery log). */
public record WebhookAnswer(String outcome, String detail) {}
