package org.newswatch.system;

import java.util.List;
import java.util.Set;

/**
 * A story of the feed fixtures and the topics it must be flagged for (none: a hard negative that must never
 * reach a subscriber). Each expectation was chosen to be beyond doubt: the classifier scores every flagged topic
 * here at 0.99 or more and every other one at 0.17 or less (checked through {@code POST /api/v1/classify} when the
 * fixtures were written).
 */
record Story(String title, String canonicalUrl, Set<String> topics) {

    static final String ICC = "icc-sanctions";
    static final String JUDICIAL = "judicial-independence";

    boolean flagged() {
        return !topics.isEmpty();
    }

    boolean flaggedFor(Set<String> subscribed) {
        return topics.stream().anyMatch(subscribed::contains);
    }

    private static Story story(String title, String canonicalUrl, String... topics) {
        return new Story(title, canonicalUrl, Set.of(topics));
    }

    /** feeds/world-desk.rss (English, RSS 2.0). */
    static final List<Story> WORLD_DESK = List.of(
            story("United States imposes sanctions on International Criminal Court judges",
                    "https://worlddesk.example.org/2026/us-sanctions-icc-judges", ICC, JUDICIAL),
            story("Poland's government moves to purge Supreme Court judges",
                    "https://worlddesk.example.org/2026/poland-supreme-court-purge", JUDICIAL),
            story("ICC bans bowler for two matches after ball-tampering sanction",
                    "https://worlddesk.example.org/2026/cricket-bowler-banned"),
            story("ICC arbitration rules: what changes for sanctions clauses in contracts",
                    "https://worlddesk.example.org/2026/icc-arbitration-rules"),
            story("EU adopts new sanctions package against Russia",
                    "https://worlddesk.example.org/2026/eu-sanctions-russia"),
            story("Judge sentences man to 12 years for armed robbery",
                    "https://worlddesk.example.org/2026/armed-robbery-sentence"),
            story("ICC prosecutor visits Bangladesh refugee camps",
                    "https://worlddesk.example.org/2026/icc-prosecutor-bangladesh"));

    /** feeds/justice-hebdo.atom (French, Atom 1.0). */
    static final List<Story> JUSTICE_HEBDO = List.of(
            story("Les États-Unis sanctionnent quatre juges de la Cour pénale internationale",
                    "https://justice-hebdo.example.org/international/sanctions-juges-cpi", ICC, JUDICIAL),
            story("Magistrats menacés : le Conseil supérieur de la magistrature défend l'indépendance de la justice",
                    "https://justice-hebdo.example.org/france/csm-independance", JUDICIAL),
            story("La Chambre de commerce internationale publie son nouveau règlement d'arbitrage",
                    "https://justice-hebdo.example.org/economie/cci-arbitrage"),
            story("Un juge condamne un braqueur à huit ans de prison",
                    "https://justice-hebdo.example.org/faits-divers/braqueur-lyon"),
            story("L'Union européenne adopte de nouvelles sanctions contre la Russie",
                    "https://justice-hebdo.example.org/europe/sanctions-russie"),
            story("Cricket : l'ICC suspend un lanceur pour deux matchs",
                    "https://justice-hebdo.example.org/sport/cricket-icc"));

    /** feeds/el-foro-global.rss (Spanish, RSS 2.0). */
    static final List<Story> EL_FORO = List.of(
            story("EEUU sanciona a jueces de la Corte Penal Internacional",
                    "https://elforo.example.org/internacional/eeuu-sanciona-jueces-cpi", ICC, JUDICIAL),
            story("La reforma judicial amenaza la independencia de los jueces, advierten juristas",
                    "https://elforo.example.org/politica/reforma-judicial-independencia", JUDICIAL),
            story("Un juez condena a diez años de prisión a un narcotraficante",
                    "https://elforo.example.org/sucesos/condena-narcotraficante"),
            story("La UE aprueba nuevas sanciones contra Rusia por la guerra en Ucrania",
                    "https://elforo.example.org/europa/sanciones-rusia"),
            story("La CPI celebra la Asamblea de los Estados Partes en La Haya",
                    "https://elforo.example.org/internacional/asamblea-estados-partes"));

    /** feeds/rechtsblick.rdf (German, RSS 1.0). */
    static final List<Story> RECHTSBLICK = List.of(
            story("USA verhängen Sanktionen gegen Richter des Internationalen Strafgerichtshofs",
                    "https://rechtsblick.example.org/2026/sanktionen-strafgerichtshof", ICC, JUDICIAL),
            story("Richterbund warnt vor Angriffen auf die Unabhängigkeit der Justiz",
                    "https://rechtsblick.example.org/2026/richterbund-unabhaengigkeit", JUDICIAL),
            story("Richter verurteilt Einbrecher zu drei Jahren Haft",
                    "https://rechtsblick.example.org/2026/einbrecher-verurteilt"));

    /** feeds/item-judicial-overhaul.rss: the one story the mirror of The World Desk has in addition. */
    static final Story JUDICIAL_OVERHAUL = story("Israel's parliament passes first part of judicial overhaul",
            "https://worlddesk.example.org/2026/israel-judicial-overhaul", JUDICIAL);

    /** feeds/item-blocking-statute.rss: the story The World Desk publishes after the restarts. */
    static final Story BLOCKING_STATUTE = story(
            "EU urged to activate blocking statute to shield the ICC from US sanctions",
            "https://worlddesk.example.org/2026/blocking-statute-icc", ICC);

    /** feeds/item-deputy-prosecutors.rss: the story published while the broker is killed (BrokerRestartIT; 0.998). */
    static final Story DEPUTY_PROSECUTORS = story(
            "United States sanctions two deputy prosecutors of the International Criminal Court",
            "https://worlddesk.example.org/2026/us-sanctions-icc-deputy-prosecutors", ICC);
}
