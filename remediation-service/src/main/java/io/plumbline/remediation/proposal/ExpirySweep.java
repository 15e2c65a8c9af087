package io.plumbline.remediation.proposal;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Marks proposals nobody decided in time as EXPIRED. */
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
        replays.forgetBefore(System.currentTimeMillis() / 1000 - 600);
    }
}
