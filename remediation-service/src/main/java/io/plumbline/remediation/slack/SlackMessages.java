package io.plumbline.remediation.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.ConfirmationDialogObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.util.json.GsonBlockElementFactory;
import com.slack.api.util.json.GsonContextBlockElementFactory;
import com.slack.api.util.json.GsonLayoutBlockFactory;
import com.slack.api.util.json.GsonTextObjectFactory;
import io.plumbline.remediation.proposal.Proposal;
import io.plumbline.remediation.proposal.ProposalState;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Renders a proposal as Block Kit; every AWS-derived value is escaped here. */
public final class SlackMessages {

    public static final String APPROVE = "plumbline_approve";
    public static final String REJECT = "plumbline_reject";
    public static final String UNDO = "plumbline_undo";
    static final int SECTION_LIMIT = 3000;
    private static final Pattern SLACK_USER = Pattern.compile("^[UW][A-Z0-9]{2,}$");

    /** The snake_case Gson that slack-api-client's GsonFactory builds, limited to the block types used here. */
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory())
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory())
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory())
            .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory())
            .create();

    private SlackMessages() {}

    /**
     * What the message offers besides the facts: the approvals so far ({@code slack:U…} or {@code api:<name>}) and how
     * many a decision needs, and whether an applied fix can be undone.
     */
    public record Controls(List<String> approvals, int approvalsNeeded, boolean undoable) {

        /** After the decision only the Undo button can still matter. */
        public static Controls decided(boolean undoable) {
            return new Controls(List.of(), 1, undoable);
        }
    }

    /** Slack's control characters: untrusted text must not become a link or an {@code <!channel>} ping. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    public static String fallbackText(Proposal p, String summary) {
        return "Plumbline proposes " + p.actionId + " on " + escape(p.resourceId) + " (" + p.state + "): " + escape(summary);
    }

    /**
     * The message: what, where, why, the plan; while it awaits a decision the approvals so far and Approve / Reject
     * buttons; once a reversible fix is applied an Undo button.
     */
    public static String blocks(Proposal p, Controls controls, String summary, String call, String request, String before,
            String after, String outcome) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(truncate("Fix proposed: " + p.actionId, 150), true))));
        blocks.add(section(s -> s.fields(List.of(
                markdownText("*Resource*\n" + escape(p.resourceArn)),
                markdownText("*Account · region*\n" + escape(p.accountId) + " · " + escape(p.region)),
                markdownText("*Rule*\n" + escape(p.ruleId)),
                markdownText("*State*\n" + p.state)))));
        blocks.add(section(s -> s.text(markdownText(truncate("*Plan* " + escape(summary) + "\n*Call* `" + escape(call)
                + "`\n```" + escape(request) + "```", SECTION_LIMIT)))));
        blocks.add(section(s -> s.text(markdownText(truncate("*Before*\n```" + escape(before) + "```\n*After*\n```"
                + escape(after) + "```", SECTION_LIMIT)))));
        if (outcome != null) {
            blocks.add(section(s -> s.text(markdownText(truncate(escape(outcome), SECTION_LIMIT)))));
        }
        String id = p.id.toString();
        if (p.state == ProposalState.PROPOSED && (controls.approvalsNeeded() > 1 || !controls.approvals().isEmpty())) {
            blocks.add(section(s -> s.text(markdownText(approvalProgress(controls)))));
        }
        if (p.state == ProposalState.PROPOSED) {
            blocks.add(actions(a -> a.blockId("plumbline_decision").elements(List.of(
                    ButtonElement.builder().actionId(APPROVE).text(plainText("Approve")).value(id).style("primary")
                            .confirm(confirm("Apply this fix?", "Plumbline will call " + escape(call) + " on "
                                    + escape(p.resourceId) + ".", "Apply")).build(),
                    ButtonElement.builder().actionId(REJECT).text(plainText("Reject")).value(id).style("danger")
                            .confirm(confirm("Reject this fix?", "Nothing will be changed.", "Reject")).build()))));
        }
        if ((p.state == ProposalState.SUCCEEDED || p.state == ProposalState.VERIFIED) && controls.undoable()) {
            blocks.add(actions(a -> a.blockId("plumbline_undo").elements(List.of(
                    ButtonElement.builder().actionId(UNDO).text(plainText("Undo")).value(id).style("danger")
                            .confirm(confirm("Undo this fix?", "Plumbline will restore the recorded before-state of "
                                    + escape(p.resourceId) + ".", "Undo")).build()))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("proposal " + p.id + " · expires " + p.expiresAt)))));
        return GSON.toJson(blocks);
    }

    /** "1 of 2 approvals, by <@U…>": Slack users as mentions (ids checked), API actors as escaped names. */
    static String approvalProgress(Controls controls) {
        if (controls.approvals().isEmpty()) {
            return "Needs " + controls.approvalsNeeded() + " approvals from different approvers";
        }
        List<String> names = controls.approvals().stream().map(SlackMessages::approverName).toList();
        return controls.approvals().size() + " of " + controls.approvalsNeeded() + " approvals, by " + String.join(", ", names);
    }

    private static String approverName(String actor) {
        if (actor.startsWith("slack:") && SLACK_USER.matcher(actor.substring(6)).matches()) {
            return "<@" + actor.substring(6) + ">";
        }
        return escape(actor.startsWith("api:") ? actor.substring(4) + " (API)" : actor);
    }

    private static ConfirmationDialogObject confirm(String title, String text, String yes) {
        return ConfirmationDialogObject.builder().title(plainText(title)).text(plainText(text))
                .confirm(plainText(yes)).deny(plainText("Cancel")).build();
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
