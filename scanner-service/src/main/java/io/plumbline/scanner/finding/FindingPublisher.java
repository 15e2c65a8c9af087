package io.plumbline.scanner.finding;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Sends finding events; each returned stage completes when the broker has acknowledged that event. */
public interface FindingPublisher {

    record Outgoing(String key, String payload) {}

    List<CompletionStage<Void>> publish(List<Outgoing> events);
}
