package io.plumbline.remediation.proposal;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Marks proposals nobody decided in time as EXPIRED, and posts the ones Slack has not got yet. */
@ApplicationScoped
class ExpirySweep {

    private final ProposalService proposals;
    private final io.plumbline.remediation.slack.ReplayGuard replays;

    ExpirySweep(ProposalService proposals, io.plumbline.remediation.slack.ReplayGuard replays) {
        this.proposals = proposals;
        this.replays = replays;
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        proposals.expireOverdue();
        // a proposal younger than this is still being posted by the consumer that created it
        proposals.postUnposted(java.time.Duration.ofSeconds(30), 50);
        replays.forgetBefore(System.currentTimeMillis() / 1000 - 600);
    }
}
