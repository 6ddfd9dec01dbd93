/**
 * The replica's in-page script (plain ES5, no build step): fetch reviews from the replica API and render
 * them in the markup Yandex Maps uses; load the next page when the side panel is scrolled to its end;
 * re-sort from the ranking menu ("По умолчанию" / "По новизне"). User text is set with textContent only.
 */
export const CLIENT_JS = `
(function () {
  var panel = document.querySelector('.scroll__container');
  var list = document.querySelector('.business-reviews-card-view__reviews-container');
  var state = { ranking: 'by_relevance_org', page: 0, pages: 1, loading: false, generation: 0 };
  var businessId = document.body.getAttribute('data-business-id');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function stars(rating) {
    var box = el('div', 'business-rating-badge-view__stars _spacing_normal');
    box.setAttribute('role', 'img');
    box.setAttribute('aria-label', 'Оценка ' + rating + ' Из 5');
    for (var i = 1; i <= 5; i++) box.appendChild(el('span', 'business-rating-badge-view__star ' + (i <= rating ? '_full' : '_empty')));
    return box;
  }

  function meta(prop, content) {
    var m = document.createElement('meta');
    m.setAttribute('itemprop', prop);
    m.setAttribute('content', content);
    return m;
  }

  function render(r) {
    var card = el('div', 'business-reviews-card-view__review');
    var view = el('div', 'business-review-view');
    view.setAttribute('itemprop', 'review');
    view.setAttribute('itemscope', '');
    view.setAttribute('itemtype', 'http://schema.org/Review');
    view.setAttribute('data-review-id', r.reviewId);
    var info = el('div', 'business-review-view__info');
    var author = el('div', 'business-review-view__author-name');
    author.setAttribute('itemprop', 'author');
    var link = el('a', 'business-review-view__link');
    link.href = '/maps/user/' + r.author.publicId + '/';
    var name = el('span', '', r.author.name);
    name.setAttribute('itemprop', 'name');
    link.appendChild(name);
    author.appendChild(link);
    info.appendChild(author);
    if (r.author.professionLevel) info.appendChild(el('div', 'business-review-view__author-caption', r.author.professionLevel));
    var header = el('div', 'business-review-view__header');
    var rating = el('div', 'business-review-view__rating');
    rating.appendChild(stars(r.rating));
    var rr = el('span');
    rr.setAttribute('itemprop', 'reviewRating');
    rr.appendChild(meta('ratingValue', r.rating + '.0'));
    rr.appendChild(meta('bestRating', '5'));
    rating.appendChild(rr);
    header.appendChild(rating);
    var date = el('span', 'business-review-view__date');
    date.appendChild(meta('datePublished', r.updatedTime));
    date.appendChild(el('span', '', r.dateText));
    header.appendChild(date);
    info.appendChild(header);
    var body = el('div', 'business-review-view__body');
    var text = el('span', 'business-review-view__body-text', r.text);
    text.setAttribute('itemprop', 'reviewBody');
    body.appendChild(text);
    info.appendChild(body);
    var reactions = el('div', 'business-reactions-view');
    reactions.appendChild(el('span', 'business-reactions-view__counter', String(r.reactions.likes)));
    info.appendChild(reactions);
    if (r.businessComment) {
      info.appendChild(el('div', 'business-review-view__comment-expand', 'Посмотреть ответ организации'));
      var comment = el('div', 'business-review-comment');
      comment.style.display = 'none';
      var content = el('div', 'business-review-comment-content');
      var ch = el('div', 'business-review-comment-content__header', 'Ответ организации ');
      var cd = el('span', 'business-review-comment-content__date', r.businessComment.dateText);
      cd.setAttribute('data-time', r.businessComment.updatedTime);
      ch.appendChild(cd);
      content.appendChild(ch);
      content.appendChild(el('div', 'business-review-comment-content__bubble', r.businessComment.text));
      comment.appendChild(content);
      info.appendChild(comment);
    }
    var share = el('a', 'business-review-view__share', 'Поделиться');
    share.href = location.pathname + '?reviews%5BpublicId%5D=' + r.reviewId + '&utm_source=review';
    info.appendChild(share);
    view.appendChild(info);
    card.appendChild(view);
    return card;
  }

  function load() {
    if (state.loading || state.page >= state.pages) return;
    state.loading = true;
    var generation = state.generation;
    var url = '/maps/api/business/fetchReviews?businessId=' + businessId + '&page=' + (state.page + 1) +
      '&pageSize=10&ranking=' + state.ranking;
    fetch(url, { headers: { accept: 'application/json' } })
      .then(function (res) { return res.json(); })
      .then(function (json) {
        if (generation !== state.generation) return;
        json.data.reviews.forEach(function (r) { list.appendChild(render(r)); });
        state.page = json.data.params.page;
        state.pages = json.data.params.totalPages;
        state.loading = false;
      })
      .catch(function () { state.loading = false; });
  }

  panel.addEventListener('scroll', function () {
    if (panel.scrollTop + panel.clientHeight >= panel.scrollHeight - 200) load();
  });

  var ranking = document.querySelector('.rating-ranking-view');
  var popup = document.querySelector('.rating-ranking-view__popup');
  ranking.addEventListener('click', function () { popup.style.display = 'block'; });
  Array.prototype.forEach.call(document.querySelectorAll('.rating-ranking-view__popup-line'), function (line) {
    line.addEventListener('click', function (e) {
      e.stopPropagation();
      popup.style.display = 'none';
      ranking.querySelector('.rating-ranking-view__current').textContent = line.getAttribute('aria-label');
      state = { ranking: line.getAttribute('data-ranking'), page: 0, pages: 1, loading: false, generation: state.generation + 1 };
      while (list.firstChild) list.removeChild(list.firstChild);
      panel.scrollTop = 0;
      load();
    });
  });
  load();
})();
`;
