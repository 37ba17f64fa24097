package org.newswatch.classifier.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.newswatch.classifier.TestClassifiers;

class LanguageIdentifierTest {

    private final LanguageIdentifier languages = TestClassifiers.languages();

    @Test
    void detectsTheSupportedLanguages() {
        assertEquals("en", languages.identify("The court said the sanctions were an attack on its judges.", null));
        assertEquals("fr", languages.identify("La Cour pénale internationale dénonce les sanctions américaines.", null));
        assertEquals("es", languages.identify("La Corte Penal Internacional condena las sanciones de Washington.", null));
        assertEquals("de", languages.identify("Der Internationale Strafgerichtshof verurteilt die Sanktionen.", null));
        assertEquals("nl", languages.identify("Het Internationaal Strafhof veroordeelt de Amerikaanse sancties.", null));
        assertEquals("ar", languages.identify("المحكمة الجنائية الدولية تدين العقوبات الأمريكية على قضاتها", null));
    }

    @Test
    void tooShortTextFallsBackToTheDeclaredLanguageElseUnd() {
        assertEquals("fr", languages.identify("CPI", "fr-BE"));
        assertEquals("und", languages.identify("CPI", null));
        assertEquals("und", languages.identify("", "not a tag!"));
        assertEquals("pt", languages.identify("", "pt_BR"), "an unsupported declared language is kept as declared");
        assertEquals("und", languages.identify(null, "und"));
    }
}
