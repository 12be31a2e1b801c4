package dev.logitlab.ui.finetune;

import dev.logitlab.model.TrainedModel;
import dev.logitlab.model.gpt.Gpt;
import dev.logitlab.model.gpt.GptSpec;
import dev.logitlab.text.Tokenizer;
import dev.logitlab.text.TokenizerKind;
import dev.logitlab.text.Tokenizers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the Fine-tune tests share: a small labelled file, a tiny GPT over its words, and a dispatcher the test thread drains. */
final class FineTuneFixtures {
    private FineTuneFixtures() {}

    private static final String[] SPAM = {"ganhe um prêmio agora", "pix grátis clique no link", "seu cartão foi bloqueado ligue já",
            "promoção imperdível só hoje", "você ganhou um carro responda", "empréstimo fácil sem consulta", "oferta exclusiva clique aqui",
            "sua encomenda está retida pague a taxa", "parabéns você foi sorteado", "desconto de cinquenta por cento hoje",
            "cadastre seu pix e ganhe", "crédito aprovado responda sim"};
    private static final String[] HAM = {"mãe chego para o jantar às oito", "a reunião da escola foi adiada", "pode comprar pão na volta",
            "o ônibus atrasou chego logo", "amanhã tem prova de matemática", "vamos ao cinema no sábado", "a vovó ligou perguntando de você",
            "não esqueça o guarda chuva", "terminei o relatório do trabalho", "o cachorro precisa de ração",
            "te espero na saída da aula", "obrigado pela ajuda de ontem"};

    /** A CSV with a header, twelve spam and twelve ham messages. */
    static String csv() {
        StringBuilder b = new StringBuilder("text,label\n");
        for (int i = 0; i < SPAM.length; i++) {
            b.append(SPAM[i]).append(",spam\n");
            b.append(HAM[i]).append(",ham\n");
        }
        return b.toString();
    }

    static List<String> texts() {
        List<String> all = new ArrayList<>(List.of(SPAM));
        all.addAll(List.of(HAM));
        return all;
    }

    /** A random GPT of two small blocks over the words of {@link #csv()}. */
    static TrainedModel tinyGpt() {
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, texts());
        return new TrainedModel(new Gpt(new GptSpec(tok.vocabSize(), 16, 2, 2, 16, 32, 0.0), 7), tok);
    }

    private static final String[][] PLURALS = {{"casa", "casas"}, {"gato", "gatos"}, {"livro", "livros"}, {"mesa", "mesas"},
            {"carro", "carros"}, {"porta", "portas"}, {"bola", "bolas"}, {"janela", "janelas"}, {"copo", "copos"}, {"prato", "pratos"}};

    /** Ten Portuguese records in JSON Lines: the plural of a word. */
    static String instructions() {
        StringBuilder b = new StringBuilder();
        for (String[] p : PLURALS) {
            b.append("{\"instruction\": \"Escreva o plural de: ").append(p[0]).append("\", \"input\": \"\", \"output\": \"").append(p[1]).append("\"}\n");
        }
        return b.toString();
    }

    /** A tiny GPT reading {@code window} tokens, whose words cover the Portuguese template and the records. */
    static TrainedModel tinyInstructGpt(int window) {
        List<String> texts = new ArrayList<>();
        for (String[] p : PLURALS) texts.add(dev.logitlab.text.PromptTemplate.ALPACA_PT.render("Escreva o plural de: " + p[0], "") + p[1]);
        Tokenizer tok = Tokenizers.fit(TokenizerKind.WORD, texts);
        return new TrainedModel(new Gpt(new GptSpec(tok.vocabSize(), window, 1, 2, 16, 32, 0.0), 3), tok);
    }

    /** A dispatcher that queues work for the test thread, which plays the FX thread: nothing runs behind its back. */
    static final class Queue implements dev.logitlab.ui.common.UiDispatcher {
        private final LinkedBlockingQueue<Runnable> work = new LinkedBlockingQueue<>();

        @Override public void run(Runnable r) { work.add(r); }

        /** Runs queued work until {@code done} holds; fails after {@code seconds}. */
        void until(BooleanSupplier done, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (!done.getAsBoolean()) {
                long left = end - System.nanoTime();
                if (left <= 0) throw new AssertionError("timed out after " + seconds + " s");
                Runnable r = work.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                if (r != null) r.run();
            }
        }
    }
}
