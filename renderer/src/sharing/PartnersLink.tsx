import { useTranslation } from 'react-i18next';

/** The address of the partners screen; `SignedIn` follows it like any other place. */
export const partnersHref = '#werk/partners';

/** A plain link to the partners screen: the address change is the navigation (SignedIn follows `hashchange`). */
export function PartnersLink({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <a href={partnersHref} className="sharing-partners-link">
      {label ?? t('sharing.partnersLink')}
    </a>
  );
}
