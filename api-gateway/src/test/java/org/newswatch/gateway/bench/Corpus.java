package org.newswatch.gateway.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * Generated news in five languages (and a few of unknown language): titles, summaries and bodies drawn from each
 * language's everyday news vocabulary with a skewed (Zipf-like) frequency, ~10 % of stories about the monitored
 * topics and flagged, spread over the last 90 days.
 */
final class Corpus {

    record Article(String id, String language, String source, String title, String summary, String content,
            Instant publishedAt, boolean flagged, String flaggedTopic, double iccScore, double judicialScore) {
    }

    private record Language(String code, String[] common, String[] icc, String[] judicial) {
    }

    private static final List<Language> LANGUAGES = List.of(
            new Language("en", words("the government said on minister president election market economy week city "
                    + "police report people country company year new year talks plan budget vote health school water "
                    + "energy prices workers strike football match season council parliament party leader crisis "
                    + "climate border trade deal growth bank tax housing transport weather storm hospital court"),
                    words("sanctions International Criminal Court judges prosecutor Hague Rome Statute sanctioned "
                            + "asset freeze visa ban tribunal"),
                    words("judicial independence judges rule of law supreme court disciplinary chamber dismissed "
                            + "justice reform constitutional tribunal")),
            new Language("fr", words("le gouvernement a déclaré ministre président élection marché économie semaine "
                    + "ville police rapport gens pays entreprise année nouvelle négociations plan budget vote santé "
                    + "école eau énergie prix travailleurs grève football match saison conseil parlement parti crise "
                    + "climat frontière commerce accord croissance banque impôt logement transport météo tempête hôpital"),
                    words("sanctions Cour pénale internationale juges procureur La Haye Statut de Rome sanctionne "
                            + "gel des avoirs interdiction de visa"),
                    words("indépendance de la justice juges État de droit Cour suprême chambre disciplinaire "
                            + "révoqués réforme judiciaire Conseil constitutionnel")),
            new Language("es", words("el gobierno dijo ministro presidente elección mercado economía semana ciudad "
                    + "policía informe gente país empresa año nuevo negociaciones plan presupuesto voto salud escuela "
                    + "agua energía precios trabajadores huelga fútbol partido temporada consejo parlamento crisis "
                    + "clima frontera comercio acuerdo crecimiento banco impuesto vivienda transporte tormenta"),
                    words("sanciones Corte Penal Internacional jueces fiscal La Haya Estatuto de Roma sancionó "
                            + "congelación de activos prohibición de visado"),
                    words("independencia judicial jueces Estado de derecho Tribunal Supremo sala disciplinaria "
                            + "destituidos reforma judicial Tribunal Constitucional")),
            new Language("de", words("die Regierung sagte Minister Präsident Wahl Markt Wirtschaft Woche Stadt Polizei "
                    + "Bericht Menschen Land Unternehmen Jahr neue Verhandlungen Plan Haushalt Abstimmung Gesundheit "
                    + "Schule Wasser Energie Preise Arbeiter Streik Fußball Spiel Saison Rat Parlament Partei Krise "
                    + "Klima Grenze Handel Abkommen Wachstum Bank Steuer Wohnungen Verkehr Wetter Sturm Krankenhaus"),
                    words("Sanktionen Internationaler Strafgerichtshof Richter Ankläger Den Haag Römisches Statut "
                            + "sanktioniert Vermögenssperre Einreiseverbot"),
                    words("richterliche Unabhängigkeit Richter Rechtsstaat Oberster Gerichtshof Disziplinarkammer "
                            + "entlassen Justizreform Verfassungsgericht")),
            new Language("nl", words("de regering zei minister president verkiezing markt economie week stad politie "
                    + "rapport mensen land bedrijf jaar nieuwe onderhandelingen plan begroting stemming gezondheid "
                    + "school water energie prijzen werknemers staking voetbal wedstrijd seizoen raad parlement partij "
                    + "crisis klimaat grens handel akkoord groei bank belasting woningen vervoer weer storm ziekenhuis"),
                    words("sancties Internationaal Strafhof rechters aanklager Den Haag Statuut van Rome "
                            + "gesanctioneerd bevriezing van tegoeden inreisverbod"),
                    words("rechterlijke onafhankelijkheid rechters rechtsstaat Hooggerechtshof tuchtkamer ontslagen "
                            + "justitiële hervorming Constitutioneel Hof")));

    private static final String[] UNKNOWN = words("lorem ipsum dolor sit amet consectetur adipiscing elit sed do "
            + "eiusmod tempor incididunt labore dolore magna aliqua");

    private final Random random;
    private final Instant now;

    Corpus(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    Article next(int index) {
        boolean unknown = random.nextInt(50) == 0;
        Language language = LANGUAGES.get(random.nextInt(LANGUAGES.size()));
        boolean flagged = !unknown && random.nextInt(10) == 0;
        boolean icc = random.nextBoolean();
        String[] topicWords = icc ? language.icc() : language.judicial();
        String[] vocabulary = unknown ? UNKNOWN : language.common();
        String title = sentence(vocabulary, flagged ? topicWords : null, 7 + random.nextInt(6));
        String summary = sentence(vocabulary, flagged ? topicWords : null, 25 + random.nextInt(20));
        StringBuilder content = new StringBuilder();
        int paragraphs = 3 + random.nextInt(5);
        for (int p = 0; p < paragraphs; p++) {
            content.append(sentence(vocabulary, flagged || random.nextInt(20) == 0 ? topicWords : null,
                    30 + random.nextInt(40))).append("\n\n");
        }
        double score = flagged ? 0.6 + random.nextDouble() * 0.4 : random.nextDouble() * 0.4;
        double other = random.nextDouble() * 0.3;
        Instant published = now.minus(random.nextInt(90 * 24 * 60), ChronoUnit.MINUTES)
                .minusSeconds(random.nextInt(60));
        return new Article(String.format("bench-%07d", index), unknown ? "und" : language.code(),
                "Source " + random.nextInt(300), title, summary, content.toString().strip(), published, flagged,
                flagged ? (icc ? "icc-sanctions" : "judicial-independence") : null, icc ? score : other,
                icc ? other : score);
    }

    private String sentence(String[] common, String[] topic, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String word = topic != null && random.nextInt(5) == 0 ? topic[random.nextInt(topic.length)]
                    : common[zipf(common.length)];
            text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
            text.append(i == words - 1 ? "." : " ");
        }
        return text.toString();
    }

    /** An index in [0, n) drawn with a skew towards small ones, as word frequencies are. */
    private int zipf(int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) Math.floor(Math.pow(n + 1, u)) - 1);
    }

    private static String[] words(String text) {
        return text.split(" ");
    }
}
