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
import java.util.ArrayList;
import java.util.List;

/** Renders a proposal as Block Kit; every AWS-derived value is escaped here. */
public final class SlackMessages {

    public static final String APPROVE = "plumbline_approve";
    public static final String REJECT = "plumbline_reject";
    static final int SECTION_LIMIT = 3000;

    /** The snake_case Gson that slack-api-client's GsonFactory builds, limited to the block types used here. */
    private static final Gson GSON = new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .registerTypeAdapter(LayoutBlock.class, new GsonLayoutBlockFactory())
            .registerTypeAdapter(TextObject.class, new GsonTextObjectFactory())
            .registerTypeAdapter(ContextBlockElement.class, new GsonContextBlockElementFactory())
            .registerTypeAdapter(BlockElement.class, new GsonBlockElementFactory())
            .create();

    private SlackMessages() {}

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

    /** The message: what, where, why, the plan, and — while it awaits a decision — Approve / Reject buttons. */
    public static String blocks(Proposal p, String summary, String call, String request, String before, String after,
            String outcome) {
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
        if (p.state == io.plumbline.remediation.proposal.ProposalState.PROPOSED) {
            String id = p.id.toString();
            blocks.add(actions(a -> a.blockId("plumbline_decision").elements(List.of(
                    ButtonElement.builder().actionId(APPROVE).text(plainText("Approve")).value(id).style("primary")
                            .confirm(confirm("Apply this fix?", "Plumbline will call " + escape(call) + " on "
                                    + escape(p.resourceId) + ".", "Apply")).build(),
                    ButtonElement.builder().actionId(REJECT).text(plainText("Reject")).value(id).style("danger")
                            .confirm(confirm("Reject this fix?", "Nothing will be changed.", "Reject")).build()))));
        }
        blocks.add(context(c -> c.elements(List.of(markdownText("proposal " + p.id + " · expires " + p.expiresAt)))));
        return GSON.toJson(blocks);
    }

    private static ConfirmationDialogObject confirm(String title, String text, String yes) {
        return ConfirmationDialogObject.builder().title(plainText(title)).text(plainText(text))
                .confirm(plainText(yes)).deny(plainText("Cancel")).build();
    }

    private static String truncate(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
