package dev.logitlab.ui.finetune;

import static dev.logitlab.ui.common.I18n.tr;
import static dev.logitlab.ui.finetune.ClassifyView.column;
import static dev.logitlab.ui.finetune.ClassifyView.row;
import static dev.logitlab.ui.finetune.ClassifyView.title;
import static dev.logitlab.ui.finetune.ClassifyView.wrapped;

import dev.logitlab.finetune.InstructScores;
import dev.logitlab.text.PromptTemplate;
import dev.logitlab.ui.common.LossChart;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fine-tune › Instruct: choose instruction data, read and edit the prompt template, tune a copy of the current
 * model to follow instructions, then ask it something and read its answer beside the base model's, the scores
 * on the held-out records, and a chat with the tuned model.
 */
public final class InstructView extends VBox {

    /**
     * {@code chooser} asks for a JSON or JSONL file, {@code saveAs} for the file to save the tuned model to, given
     * the name it proposes (null: none chosen); tests replace the dialogs with their own.
     */
    public InstructView(InstructViewModel vm, Supplier<Path> chooser, java.util.function.Function<String, Path> saveAs,
                        dev.logitlab.ui.common.Lifetime lifetime) {
        getStyleClass().addAll("view", "finetune-view");
        setSpacing(8);
        setPadding(new Insets(12));
        Label intro = wrapped(new Label(tr("finetune.instruct_intro")), "intro");

        Button bundled = new Button(tr("finetune.data_pt_instructions"));
        bundled.setId("instructBundled");
        bundled.setOnAction(e -> vm.useBundled());
        Button open = dev.logitlab.ui.shell.Icons.on(new Button(tr("finetune.open_file")), dev.logitlab.ui.shell.Icons.OPEN);
        open.setId("instructOpen");
        open.setOnAction(e -> {
            Path p = chooser.get();
            if (p != null) vm.open(p);
        });
        Label dataLabel = new Label(tr("finetune.data"));
        Label summary = wrapped(new Label(), "hint");
        summary.setId("instructDataSummary");
        summary.textProperty().bind(vm.dataSummaryProperty());
        Label base = FineTuneControls.base("instructBase", vm.baseTextProperty(), vm.baseUsableProperty(), lifetime);

        // the template
        TextArea withInput = templateArea("instructTemplateInput", vm.withInputProperty(), vm::templateEdited);
        withInput.setAccessibleText(tr("finetune.template_with_input"));
        TextArea withoutInput = templateArea("instructTemplateNoInput", vm.withoutInputProperty(), vm::templateEdited);
        withoutInput.setAccessibleText(tr("finetune.template_without_input"));
        Button english = new Button(tr("finetune.template_en"));
        english.setId("instructTemplateEn");
        english.setOnAction(e -> vm.useTemplate(PromptTemplate.ALPACA));
        Button portuguese = new Button(tr("finetune.template_pt"));
        portuguese.setId("instructTemplatePt");
        portuguese.setOnAction(e -> vm.useTemplate(PromptTemplate.ALPACA_PT));
        Label templateHint = wrapped(new Label(tr("finetune.template_hint")), "hint");
        VBox template = new VBox(4, row(title(tr("finetune.template")), english, portuguese), templateHint,
                new Label(tr("finetune.template_with_input")), withInput, new Label(tr("finetune.template_without_input")), withoutInput);

        CheckBox mask = new CheckBox(tr("finetune.mask_prompt"));
        mask.setId("instructMask");
        mask.selectedProperty().bindBidirectional(vm.maskPromptProperty());
        mask.setTooltip(new Tooltip(tr("finetune.mask_prompt_tip")));
        var epochs = FineTuneControls.epochs("instructEpochs", vm.epochsProperty(), lifetime);
        Label epochsLabel = new Label(tr("finetune.epochs"));
        epochsLabel.setLabelFor(epochs);
        TextField lr = FineTuneControls.rate("instructRate", vm.learningRateProperty(), vm::rateEdited);
        Label lrLabel = new Label(tr("finetune.learning_rate"));
        lrLabel.setLabelFor(lr);

        Button start = dev.logitlab.ui.shell.Icons.on(new Button(tr("finetune.start")), dev.logitlab.ui.shell.Icons.TRAIN);
        start.setId("instructStart");
        start.getStyleClass().add("accent");
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.run().runningProperty());
        Label error = FineTuneControls.error("instructError", vm.run());
        Button use = FineTuneControls.keep("instructUse", tr("finetune.use_as_current"), dev.logitlab.ui.shell.Icons.OPEN,
                vm.keepableProperty(), vm.run(), vm::useTuned);
        Button save = FineTuneControls.keep("instructSave", tr("finetune.save_tuned"), dev.logitlab.ui.shell.Icons.SAVE,
                vm.keepableProperty(), vm.run(), () -> {
                    Path p = saveAs.apply(vm.suggestedFileName());
                    if (p != null) vm.saveTuned(p);
                });
        HBox keep = FineTuneControls.keepRow("instructKept", vm.keptProperty(), use, save);
        Label fit = wrapped(new Label(), "warning");
        fit.setId("instructFitWarning");
        fit.textProperty().bind(vm.fitWarningProperty());
        fit.visibleProperty().bind(vm.fitWarningProperty().isNotEmpty());
        fit.managedProperty().bind(fit.visibleProperty());

        LossChart loss = new LossChart(tr("losschart.step"), tr("finetune.loss_axis"),
                List.of(new LossChart.Curve(tr("losschart.train_loss_per_step"), vm.run().stepLoss()),
                        new LossChart.Curve(tr("losschart.train_loss_moving_average"), vm.run().averageLoss()),
                        new LossChart.Curve(tr("losschart.validation_loss_per_epoch"), vm.run().validationLoss())), 0, lifetime);
        loss.setId("instructLossChart");
        loss.setPrefHeight(230);
        loss.setMinHeight(200);
        Label sample = wrapped(new Label(), "sample-text");
        sample.setId("instructSample");
        sample.textProperty().bind(vm.sampleProperty());
        sample.visibleProperty().bind(vm.sampleProperty().isNotEmpty());
        sample.managedProperty().bind(sample.visibleProperty());

        // asking: the base model's answer beside the tuned one's
        TextField instruction = new TextField();
        instruction.setId("instructInstruction");
        instruction.setPromptText(tr("finetune.instruction_prompt"));
        instruction.textProperty().bindBidirectional(vm.instructionProperty());
        instruction.setOnAction(e -> vm.respond());
        HBox.setHgrow(instruction, Priority.ALWAYS);
        TextField input = new TextField();
        input.setId("instructInput");
        input.setPromptText(tr("finetune.input_prompt"));
        input.textProperty().bindBidirectional(vm.inputProperty());
        input.setOnAction(e -> vm.respond());
        HBox.setHgrow(input, Priority.ALWAYS);
        Button respond = new Button(tr("finetune.respond"));
        respond.setId("instructRespond");
        respond.getStyleClass().add("accent");
        respond.setOnAction(e -> vm.respond());
        respond.disableProperty().bind(vm.answeringProperty().or(vm.run().runningProperty()));
        Label instructionLabel = new Label(tr("finetune.instruction"));
        instructionLabel.setLabelFor(instruction);
        Label inputLabel = new Label(tr("finetune.input"));
        inputLabel.setLabelFor(input);
        HBox answers = new HBox(10, answer(tr("finetune.base_answer"), "instructBaseAnswer", vm.baseAnswerProperty()),
                answer(tr("finetune.tuned_answer"), "instructTunedAnswer", vm.tunedAnswerProperty()));
        Label samplerHint = wrapped(new Label(tr("finetune.sampler_hint")), "hint");
        VBox ask = new VBox(6, title(tr("finetune.ask_title")), row(instructionLabel, instruction), row(inputLabel, input, respond),
                samplerHint, answers);

        // the validation records, scored
        TableView<InstructScores.Scored> table = new TableView<>(vm.scored());
        table.setId("instructScores");
        table.setPlaceholder(ClassifyView.placeholder(tr("finetune.scores_placeholder")));
        table.getColumns().add(column(tr("finetune.instruction"), 150, s -> s.record().instruction()
                + (s.record().input() == null || s.record().input().isBlank() ? "" : " · " + s.record().input())));
        table.getColumns().add(column(tr("finetune.reference"), 100, s -> s.record().output()));
        table.getColumns().add(column(tr("finetune.response"), 100, s -> s.response()));
        table.getColumns().add(column(tr("finetune.exact"), 50, s -> s.exactMatch() >= 1 ? "✓" : "✗"));
        table.getColumns().add(column("F1", 50, s -> InstructViewModel.percent(s.f1())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(220);
        Label scores = wrapped(new Label(), "metrics");
        scores.setId("instructScoresText");
        scores.textProperty().bind(vm.scoresTextProperty());

        // the chat
        ListView<InstructViewModel.ChatLine> transcript = new ListView<>(vm.chat());
        transcript.setId("instructChat");
        transcript.setPlaceholder(ClassifyView.placeholder(tr("finetune.chat_placeholder")));
        transcript.setCellFactory(l -> new ListCell<>() {
            @Override protected void updateItem(InstructViewModel.ChatLine c, boolean empty) {
                super.updateItem(c, empty);
                setText(empty || c == null ? null : (c.person() ? tr("finetune.you") : tr("finetune.model")) + ": " + c.text());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        transcript.setPrefHeight(160);
        TextField chatLine = new TextField();
        chatLine.setId("instructChatLine");
        chatLine.setPromptText(tr("finetune.chat_prompt"));
        chatLine.textProperty().bindBidirectional(vm.chatLineProperty());
        chatLine.setOnAction(e -> vm.send());
        chatLine.disableProperty().bind(vm.tunedProperty().not());
        HBox.setHgrow(chatLine, Priority.ALWAYS);
        Button send = new Button(tr("finetune.send"));
        send.setId("instructSend");
        send.setOnAction(e -> vm.send());
        send.disableProperty().bind(vm.tunedProperty().not().or(vm.answeringProperty()));
        VBox chat = new VBox(6, title(tr("finetune.chat_title")), transcript, row(chatLine, send));

        VBox content = new VBox(10, intro, row(dataLabel, bundled, open), summary, base, template,
                FineTuneControls.flow(row(mask), row(epochsLabel, epochs), row(lrLabel, lr)), fit, FineTuneControls.progress("instruct", vm.run(), start, vm::cancel), error, keep,
                loss, sample, ask, title(tr("finetune.scores_title")), scores, table, chat);
        content.setPadding(new Insets(0, 6, 0, 0));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("instructScroll");
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().add(scroll);
        vm.refreshBase();
    }

    private static TextArea templateArea(String id, javafx.beans.property.StringProperty text, Runnable edited) {
        TextArea a = new TextArea();
        a.setId(id);
        a.getStyleClass().add("corpus-editor");
        a.setPrefRowCount(5);
        a.setWrapText(true);
        a.textProperty().bindBidirectional(text);
        a.setOnKeyTyped(e -> edited.run());
        return a;
    }

    private static VBox answer(String heading, String id, javafx.beans.value.ObservableStringValue text) {
        Label t = wrapped(new Label(), "sample-text");
        t.setId(id);
        t.textProperty().bind(text);
        t.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(4, title(heading), t);
        box.getStyleClass().add("card");
        box.setPrefWidth(300);
        HBox.setHgrow(box, Priority.ALWAYS);
        return box;
    }
}
