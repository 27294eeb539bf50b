/**
 * The strip a panel shows above its card when the page's required selectors stopped matching
 * (drift): it says so in words and lists what the page's address alone tells. Shared by the
 * profile/thread panel (features/panel-view.tsx) and the pre-call package (MeetingView.tsx).
 */
export function LimitedStrip({ siteName, urlFacts, className }: { siteName: string; urlFacts: readonly string[]; className: string }) {
  return (
    <div className={className} data-panel="limited" role="status">
      <p className="m-0">{`Signalhouse could not read this ${siteName} page (its layout changed). What its address tells:`}</p>
      {urlFacts.map((fact) => (
        <p key={fact} className="m-0 truncate font-semibold">
          {fact}
        </p>
      ))}
    </div>
  );
}
