package dev.logitlab.ui.tokenize;

import static dev.logitlab.ui.common.I18n.tr;

import dev.logitlab.engine.TokenizerResult;
import dev.logitlab.text.Token;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.ui.common.Lifetime;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The tokenizers side by side: each token a chip with its text (spaces visible) and id. */
public final class TokenizeView extends VBox {

    public TokenizeView(TokenizeViewModel vm, Runnable tokenize, Runnable learnBpe, Lifetime lifetime) {
        getStyleClass().add("view");
        setSpacing(10);
        setPadding(new Insets(12));
        Label intro = new Label(tr("tokenize.a_model_never_sees_letters"));
        intro.getStyleClass().add("intro");
        intro.setWrapText(true);
        intro.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // the whole sentence, never "…"
        Tooltip whatIsAToken = new Tooltip(tr("tokenize.a_token_is_the_unit")
                + tr("tokenize.the_tokenizer_maps_each_to"));
        whatIsAToken.setWrapText(true);
        whatIsAToken.setMaxWidth(400);
        intro.setTooltip(whatIsAToken);

        TextField text = new TextField();
        text.setId("tokenizeText");
        text.setAccessibleText(tr("tokenize.text_to_tokenize"));
        text.setPromptText(tr("tokenize.text_to_tokenize_empty_the"));
        text.textProperty().bindBidirectional(vm.textProperty());
        text.setOnAction(e -> tokenize.run());
        HBox.setHgrow(text, Priority.ALWAYS);
        Label label = new Label(tr("tokenize.text"));
        label.setLabelFor(text);
        HBox input = new HBox(8, label, text);
        input.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane grid = new GridPane();
        grid.setId("tokenizerGrid");
        grid.setHgap(10);
        grid.setVgap(10);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            grid.getColumnConstraints().add(cc);
        }
        int rows = (TokenizerKind.values().length + 1) / 2;
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);   // rows share the height, but never below a card's own minimum
            grid.getRowConstraints().add(rc);
        }
        VBox.setVgrow(grid, Priority.ALWAYS);   // inside the Compare tab
        Label placeholder = new Label(tr("tokenize.click_tokenize_to_compare_the"));
        placeholder.getStyleClass().add("placeholder");
        Runnable showCards = () -> {
            grid.getChildren().clear();
            int n = vm.results().size();
            for (int i = 0; i < n; i++) {
                boolean lastAlone = i == n - 1 && n % 2 == 1;   // an odd last card takes the whole row
                grid.add(card(vm.results().get(i)), i % 2, i / 2, lastAlone ? 2 : 1, 1);
            }
            placeholder.setVisible(vm.results().isEmpty());
            placeholder.setManaged(vm.results().isEmpty());
        };
        lifetime.onInvalidated(vm.results(), showCards);
        showCards.run();   // a window rebuilt for another language shows the cards already there
        VBox compare = new VBox(10, placeholder, grid);
        compare.setPadding(new Insets(6, 0, 0, 0));
        ScrollPane compareScroll = new ScrollPane(compare);   // on a small screen the cards scroll rather than cut their text
        compareScroll.setFitToWidth(true);
        compareScroll.setFitToHeight(true);
        compareScroll.getStyleClass().add("chips-scroll");
        javafx.scene.control.Tab compareTab = new javafx.scene.control.Tab(tr("tokenize.compare_tab"), compareScroll);
        compareTab.setId("compareTokenizersTab");
        javafx.scene.control.Tab labTab = new javafx.scene.control.Tab(tr("tokenize.bpe_lab_tab"), new BpeLabView(vm.lab(), learnBpe, lifetime));
        labTab.setId("bpeLabTab");
        javafx.scene.control.TabPane views = new javafx.scene.control.TabPane(compareTab, labTab);
        views.setId("tokenViews");
        views.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(views, Priority.ALWAYS);
        getChildren().addAll(intro, input, views);
    }

    private static VBox card(TokenizerResult r) {
        Label title = new Label(r.kind().displayName());
        title.getStyleClass().add("card-title");
        Label stats = new Label(tr("tokenize.d_tokens_s_vocabulary_d",
                r.tokens().size(), r.unknownCount() > 0 ? " (" + r.unknownCount() + tr("tokenize.unknown") : "", r.vocabSize(), r.corpusTokens()));
        stats.getStyleClass().add("card-stats");
        stats.setWrapText(true);
        stats.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // the chips give way, not the figures
        Label about = new Label(r.kind().description());
        about.getStyleClass().add("card-about");
        about.setWrapText(true);
        about.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        FlowPane chips = new FlowPane(4, 4);
        chips.getStyleClass().add("chips");
        for (Token t : r.tokens()) chips.getChildren().add(chip(t));
        ScrollPane scroll = new ScrollPane(chips);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("chips-scroll");
        scroll.setMinHeight(48);   // at least one row of chips
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox card = new VBox(4, title, stats, about, scroll);
        card.getStyleClass().add("card");
        card.setId("tokenizer-" + r.kind().cliName());
        card.setUserData(r);
        return card;
    }

    private static VBox chip(Token t) {
        Label text = new Label(t.visibleText());
        text.getStyleClass().add("chip-text");
        Label id = new Label(Integer.toString(t.id()));
        id.getStyleClass().add("chip-id");
        VBox chip = new VBox(0, text, id);
        chip.getStyleClass().addAll("chip", t.unknown() ? "chip-unknown" : "chip-known");
        chip.setAlignment(javafx.geometry.Pos.CENTER);
        Tooltip.install(chip, new Tooltip(t.unknown()
                ? "\"" + t.text() + tr("tokenize.is_not_in_this_tokenizer") + t.id() + ")"
                : "\"" + t.text() + tr("tokenize.id") + t.id()));
        return chip;
    }
}
