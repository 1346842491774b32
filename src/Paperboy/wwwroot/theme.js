// Runs before the page is drawn (a blocking script in <head>): the theme picked in the header, and "js" on <html>,
// which shows the controls that need site.js. Kept tiny; everything else is in site.js, loaded with defer.
try{var d=document.documentElement,t=localStorage.getItem("theme");d.classList.add("js");if(t=="light"||t=="dark")d.dataset.theme=t}catch(e){}
