package io.plumbline.remediation.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.contracts.EventJson;
import io.plumbline.remediation.proposal.Proposal;
import io.plumbline.remediation.proposal.ProposalState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The proposal message: AWS-derived text cannot ping or link, and the buttons carry the proposal id and a confirm dialog. */
class SlackMessagesTest {

    private static Proposal proposal(ProposalState state) {
        Proposal p = new Proposal();
        p.id = UUID.randomUUID();
        p.actionId = "sg-restrict-world-ingress";
        p.ruleId = "security-group-world-ingress-admin-ports";
        p.accountId = "123456789012";
        p.region = "us-east-1";
        p.resourceArn = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1 <!channel> & <https://evil|click>";
        p.resourceId = "sg-1";
        p.state = state;
        p.expiresAt = Instant.parse("2026-01-02T00:00:00Z");
        return p;
    }

    @Test
    void shouldEscapeAwsTextAndOfferConfirmedButtons() throws Exception {
        Proposal p = proposal(ProposalState.PROPOSED);
        JsonNode blocks = EventJson.mapper().readTree(SlackMessages.blocks(p, new SlackMessages.Controls(List.of(), 1, true),
                "Revoke <!here>", "ec2:RevokeSecurityGroupIngress", "{}", "{}", "{}", null));
        String text = blocks.toString();
        assertThat(text).doesNotContain("<!channel>", "<!here>", "<https://evil").contains("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;");
        JsonNode actions = null;
        for (JsonNode block : blocks) {
            if ("actions".equals(block.path("type").asText())) {
                actions = block.path("elements");
            }
        }
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).path("action_id").asText()).isEqualTo(SlackMessages.APPROVE);
        assertThat(actions.get(0).path("value").asText()).isEqualTo(p.id.toString());
        assertThat(actions.get(0).path("style").asText()).isEqualTo("primary");
        assertThat(actions.get(0).path("confirm").path("confirm").path("text").asText()).isEqualTo("Apply");
        assertThat(actions.get(1).path("action_id").asText()).isEqualTo(SlackMessages.REJECT);
        assertThat(actions.get(1).path("style").asText()).isEqualTo("danger");
    }

    @Test
    void shouldDropTheButtonsOnceDecided() throws Exception {
        for (ProposalState state : List.of(ProposalState.APPROVED, ProposalState.REJECTED, ProposalState.EXECUTING,
                ProposalState.FAILED, ProposalState.ROLLED_BACK)) {
            JsonNode blocks = EventJson.mapper().readTree(SlackMessages.blocks(proposal(state),
                    SlackMessages.Controls.decided(true), "s", "c", "{}", "{}", "{}", "Applied after approval by slack:U0APPROVER."));
            assertThat(buttons(blocks)).as(state.name()).isEmpty();
            assertThat(blocks.toString()).contains("Applied after approval by slack:U0APPROVER.");
        }
    }

    @Test
    void shouldOfferAConfirmedUndoOnceAReversibleFixIsApplied() throws Exception {
        for (ProposalState state : List.of(ProposalState.SUCCEEDED, ProposalState.VERIFIED)) {
            Proposal p = proposal(state);
            List<JsonNode> buttons = buttons(EventJson.mapper().readTree(SlackMessages.blocks(p,
                    SlackMessages.Controls.decided(true), "s", "c", "{}", "{}", "{}", "Applied.")));
            assertThat(buttons).as(state.name()).singleElement().satisfies(undo -> {
                assertThat(undo.path("action_id").asText()).isEqualTo(SlackMessages.UNDO);
                assertThat(undo.path("value").asText()).isEqualTo(p.id.toString());
                assertThat(undo.path("confirm").path("title").path("text").asText()).isEqualTo("Undo this fix?");
                assertThat(undo.path("confirm").path("confirm").path("text").asText()).isEqualTo("Undo");
            });
            assertThat(buttons(EventJson.mapper().readTree(SlackMessages.blocks(p, SlackMessages.Controls.decided(false),
                    "s", "c", "{}", "{}", "{}", "Applied.")))).as("an action that cannot be undone").isEmpty();
        }
    }

    @Test
    void shouldShowTheApprovalsSoFarWithMentionsAndEscapedApiNames() throws Exception {
        Proposal p = proposal(ProposalState.PROPOSED);
        String first = EventJson.mapper().readTree(SlackMessages.blocks(p, new SlackMessages.Controls(List.of(), 2, false),
                "s", "c", "{}", "{}", "{}", null)).toString();
        assertThat(first).contains("Needs 2 approvals from different approvers");
        String one = EventJson.mapper().readTree(SlackMessages.blocks(p,
                new SlackMessages.Controls(List.of("slack:U0APPROVER"), 2, false), "s", "c", "{}", "{}", "{}", null)).toString();
        assertThat(one).contains("1 of 2 approvals, by <@U0APPROVER>");
        assertThat(SlackMessages.approvalProgress(new SlackMessages.Controls(List.of("api:<!channel>", "slack:bad<id>"), 3, false)))
                .isEqualTo("2 of 3 approvals, by &lt;!channel&gt; (API), slack:bad&lt;id&gt;");
        String single = EventJson.mapper().readTree(SlackMessages.blocks(p, new SlackMessages.Controls(List.of(), 1, false),
                "s", "c", "{}", "{}", "{}", null)).toString();
        assertThat(single).doesNotContain("approvals");
    }

    private static List<JsonNode> buttons(JsonNode blocks) {
        List<JsonNode> buttons = new java.util.ArrayList<>();
        for (JsonNode block : blocks) {
            if ("actions".equals(block.path("type").asText())) {
                block.path("elements").forEach(buttons::add);
            }
        }
        return buttons;
    }

    @Test
    void shouldSignLikeSlack() {
        // Slack's documented example: secret 8f742231b10e8888abcd99yyyzzz85a5, timestamp 1531420618
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertThat(SlackSignature.sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
        assertThat(SlackSignature.matches("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body,
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")).isTrue();
        assertThat(SlackSignature.matches("8f742231b10e8888abcd99yyyzzz85a5", "1531420619", body,
                "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503")).isFalse();
    }
}
